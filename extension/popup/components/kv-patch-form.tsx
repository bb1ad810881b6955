import { type FormEvent, useId, useState } from 'react'
import type { KvNamespace, PreparedKvPatch } from '../../messaging/catalogue.js'
import { callBackground } from '../background.js'
import { checkJson } from '../format/json-check.js'
import { shortenId } from '../format/short-id.js'
import { t } from '../i18n.js'
import { useAction } from '../use-action.js'
import { ErrorText } from './error-text.js'
import { KvDiff } from './kv-diff.js'
import { namespaceName } from './namespace-name.js'

type Target = { platform: string; identity: string }
type Props = {
  target: Target
  /** The current avatar (names its own namespace in words). */
  avatarId: string
  /** The namespace's content now; undefined for a namespace not written yet. */
  current: unknown
  onStored: (namespaces: KvNamespace[]) => void
  onClose: () => void
}

/**
 * A merge patch (§9.3) typed as JSON, previewed as a diff and in words, signed only on Confirm. A
 * patch that replaces or deletes the whole content is shown as destructive and asks a second time.
 */
export function KvPatchForm({ target, avatarId, current, onStored, onClose }: Props) {
  const id = useId()
  const [text, setText] = useState('{\n  \n}')
  const [prepared, setPrepared] = useState<PreparedKvPatch>()
  // The destructive patch's second question is on screen.
  const [askingAgain, setAskingAgain] = useState(false)
  const action = useAction()
  const check = checkJson(text)

  const preview = (event: FormEvent) => {
    event.preventDefault()
    if (!check.ok) return
    action.run(async () => setPrepared(await callBackground('prepareKvPatch', { ...target, patch: check.value })))
  }
  const confirm = ({ requestId, wholeContent }: PreparedKvPatch) =>
    action.run(async () => {
      const replaceWhole = wholeContent === null ? {} : { replaceWhole: true as const }
      onStored(await callBackground('confirmKvPatch', { requestId, ...replaceWhole }))
    })
  const cancel = () => {
    // Best effort: an abandoned request also expires in the background.
    if (prepared) callBackground('cancelRequest', { requestId: prepared.requestId }).catch(() => undefined)
    setPrepared(undefined)
    setAskingAgain(false)
    action.clear()
  }

  const name = namespaceName(target, avatarId)
  const heading = (
    <h2>
      {t('kvEditing', name)}
      <code className="muted heading-id" title={target.identity}>
        {target.identity.startsWith('0x') ? shortenId(target.identity) : target.identity}
      </code>
    </h2>
  )
  if (prepared && askingAgain) {
    const wipes = prepared.wholeContent === 'deletes'
    return (
      <div
        className="card stack danger-zone"
        role="alertdialog"
        aria-labelledby={`${id}-again`}
        data-testid="kv-confirm-whole"
      >
        <h2 id={`${id}-again`} className="danger-text">
          {t(wipes ? 'kvWipeConfirmTitle' : 'kvReplaceConfirmTitle')}
        </h2>
        <p>
          <strong>{name}</strong> <code className="muted">{shortenId(target.identity)}</code>
        </p>
        <p>{t(wipes ? 'kvWholeDeletes' : 'kvWholeReplaces')}</p>
        <p className="hint">{t('kvWholeConfirmHint')}</p>
        <ErrorText message={action.error} />
        <div className="row">
          <button type="button" className="primary" onClick={cancel} disabled={action.busy}>
            {t('kvKeepData')}
          </button>
          <button type="button" className="danger" disabled={action.busy} onClick={() => confirm(prepared)}>
            {action.busy ? t('working') : t(wipes ? 'kvConfirmWipe' : 'kvConfirmReplace')}
          </button>
        </div>
      </div>
    )
  }
  if (prepared) {
    const whole = prepared.wholeContent
    return (
      <div className="card stack" data-testid="kv-preview" data-whole-content={whole ?? undefined}>
        {heading}
        {whole !== null && (
          <p className="warning danger-text" role="alert">
            {t(whole === 'deletes' ? 'kvWholeDeletes' : 'kvWholeReplaces')}
          </p>
        )}
        <p className="hint">{t('kvSignedBy', shortenId(avatarId))}</p>
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
          {whole === null ? (
            <button type="button" className="primary" disabled={action.busy} onClick={() => confirm(prepared)}>
              {action.busy ? t('working') : t('confirmSign')}
            </button>
          ) : (
            <button type="button" className="danger" onClick={() => setAskingAgain(true)}>
              {t(whole === 'deletes' ? 'kvReviewWipe' : 'kvReviewReplace')}
            </button>
          )}
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
