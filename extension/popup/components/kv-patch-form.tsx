import { type FormEvent, useId, useState } from 'react'
import type { KvNamespace, PreparedKvPatch } from '../../messaging/catalogue.js'
import { callBackground } from '../background.js'
import { checkJson } from '../format/json-check.js'
import { shortenId } from '../format/short-id.js'
import { t } from '../i18n.js'
import { useAction } from '../use-action.js'
import { ErrorText } from './error-text.js'
import { KvDiff } from './kv-diff.js'
import { platformName } from './platform-badge.js'

type Target = { platform: string; identity: string }
type Props = {
  target: Target
  /** The namespace's content now; undefined for a namespace not written yet. */
  current: unknown
  onStored: (namespaces: KvNamespace[]) => void
  onClose: () => void
}

/** A merge patch (§9.3) typed as JSON, previewed as a diff and in words, signed only on Confirm. */
export function KvPatchForm({ target, current, onStored, onClose }: Props) {
  const id = useId()
  const [text, setText] = useState('{\n  \n}')
  const [prepared, setPrepared] = useState<PreparedKvPatch>()
  const action = useAction()
  const check = checkJson(text)

  const preview = (event: FormEvent) => {
    event.preventDefault()
    if (!check.ok) return
    action.run(async () => setPrepared(await callBackground('prepareKvPatch', { ...target, patch: check.value })))
  }
  const confirm = (requestId: string) =>
    action.run(async () => {
      onStored(await callBackground('confirmKvPatch', { requestId }))
    })
  const cancel = () => {
    // Best effort: an abandoned request also expires in the background.
    if (prepared) callBackground('cancelRequest', { requestId: prepared.requestId }).catch(() => undefined)
    setPrepared(undefined)
    action.clear()
  }

  const heading = (
    <h2>
      {t('kvEditing', platformName(target.platform))}
      <code className="muted heading-id" title={target.identity}>
        {target.identity.startsWith('0x') ? shortenId(target.identity) : target.identity}
      </code>
    </h2>
  )
  if (prepared) {
    return (
      <div className="card stack" data-testid="kv-preview">
        {heading}
        <p className="description">{prepared.description}</p>
        <KvDiff changes={prepared.changes} />
        <details className="advanced">
          <summary>{t('exactPayload')}</summary>
          <pre className="payload">{prepared.signPayload}</pre>
        </details>
        <ErrorText message={action.error} />
        <div className="row">
          <button type="button" onClick={cancel} disabled={action.busy}>
            {t('cancel')}
          </button>
          <button type="button" className="primary" disabled={action.busy} onClick={() => confirm(prepared.requestId)}>
            {action.busy ? t('working') : t('confirmSign')}
          </button>
        </div>
      </div>
    )
  }
  return (
    <form className="card stack" onSubmit={preview} noValidate data-testid="kv-form">
      {heading}
      {current !== undefined && (
        <details className="advanced">
          <summary>{t('kvCurrentContent')}</summary>
          <pre className="payload">{JSON.stringify(current, null, 2)}</pre>
        </details>
      )}
      <div className="field">
        <label htmlFor={id}>{t('kvPatch')}</label>
        <textarea
          id={id}
          value={text}
          rows={6}
          spellCheck={false}
          autoCapitalize="off"
          aria-invalid={!check.ok}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setText(event.target.value)}
        />
        <p className="hint" id={`${id}-hint`}>
          {t('kvPatchHint')}
        </p>
        {!check.ok && (
          <p className="error" data-testid="json-error">
            {check.empty ? t('jsonEmpty') : t('jsonErrorAt', String(check.line), String(check.column))}
          </p>
        )}
      </div>
      <ErrorText message={action.error} />
      <div className="row">
        <button type="button" onClick={onClose} disabled={action.busy}>
          {t('cancel')}
        </button>
        <button type="submit" className="primary" disabled={action.busy || !check.ok}>
          {action.busy ? t('working') : t('preview')}
        </button>
      </div>
    </form>
  )
}
