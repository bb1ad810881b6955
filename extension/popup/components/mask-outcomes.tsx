import { useEffect, useState } from 'react'
import type { AvatarDiscovery, MaskImportOutcome } from '../../messaging/catalogue.js'
import { BackgroundError } from '../../messaging/client.js'
import { callBackground, describeError } from '../background.js'
import { shortenId } from '../format/short-id.js'
import { t } from '../i18n.js'
import { ErrorText } from './error-text.js'
import { platformName } from './platform-badge.js'

/** What became of each chosen persona; for each imported one, its bindings and KV data found again. */
export function MaskOutcomes({ outcomes, onDone }: { outcomes: MaskImportOutcome[]; onDone: () => void }) {
  return (
    <div className="stack" data-testid="mask-outcomes">
      <ul className="stack mask-outcomes">
        {outcomes.map((outcome) => (
          <li key={outcome.id} className="field" data-testid="mask-outcome" data-outcome={outcome.outcome}>
            <strong>{outcome.name}</strong> <code title={outcome.id}>{shortenId(outcome.id)}</code>
            {outcome.outcome === 'imported' ? (
              <>
                <p className="note">{t('maskImported')}</p>
                <Discovery avatarId={outcome.id} />
              </>
            ) : (
              <p className="note">{t('maskAlreadyInVault', outcome.inVaultAs ?? '')}</p>
            )}
          </li>
        ))}
      </ul>
      <button type="button" className="primary" onClick={onDone}>
        {t('maskDone')}
      </button>
    </div>
  )
}

type Load = { state: 'loading' } | { state: 'ready'; found: AvatarDiscovery } | { state: 'error'; message: string }

/** Mask's backups hold no proofs or KV: they are asked of the configured services again. */
function Discovery({ avatarId }: { avatarId: string }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  useEffect(() => {
    let live = true
    callBackground('discoverAvatar', { id: avatarId }).then(
      (found) => live && setLoad({ state: 'ready', found }),
      (error: unknown) => live && setLoad({ state: 'error', message: describeError(error) }),
    )
    return () => {
      live = false
    }
  }, [avatarId])
  if (load.state === 'loading') return <p className="muted">{t('maskDiscovering')}</p>
  if (load.state === 'error') return <ErrorText message={load.message} />
  const { bindings, kv } = load.found
  return (
    <div className="stack" data-testid="mask-discovery">
      {!bindings.ok ? (
        <ErrorText message={describeCode(bindings.code)} />
      ) : bindings.value.length === 0 ? (
        <p className="muted">{t('maskNoBindings')}</p>
      ) : (
        <ul className="mask-bindings">
          {bindings.value.map((binding) => (
            <li key={`${binding.platform}/${binding.identity}`} data-testid="mask-binding">
              {platformName(binding.platform)} · {binding.identity}
            </li>
          ))}
        </ul>
      )}
      {!kv.ok ? (
        <p className="muted">{t('maskKvUnavailable', describeCode(kv.code))}</p>
      ) : (
        kv.value.length > 0 && <p className="muted">{t('maskKvCount', String(kv.value.length))}</p>
      )}
    </div>
  )
}

function describeCode(code: string): string {
  return describeError(new BackgroundError(code, ''))
}
