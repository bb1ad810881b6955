import { useCallback, useEffect, useState } from 'react'
import type { Binding } from '../../messaging/catalogue.js'
import { callBackground, describeError } from '../background.js'
import { t } from '../i18n.js'
import { BindingRow } from './binding-row.js'
import { ErrorText } from './error-text.js'
import { RevokeSheet } from './revoke-sheet.js'

type Load =
  | { state: 'loading' }
  | { state: 'ready'; bindings: Binding[]; at: number }
  | { state: 'error'; message: string }

/** The current avatar's bindings from ProofService, with loading, empty and error (retry) states, and revoke. */
export function BindingsList({ avatarId, onRevokeFlow }: { avatarId: string; onRevokeFlow: (flowId: string) => void }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  const [revoking, setRevoking] = useState<Binding>()

  // biome-ignore lint/correctness/useExhaustiveDependencies: the avatar and each retry start a new load.
  useEffect(() => {
    let live = true
    setLoad({ state: 'loading' })
    callBackground('getBindings').then(
      (bindings) => live && setLoad({ state: 'ready', bindings, at: Date.now() }),
      (error: unknown) => live && setLoad({ state: 'error', message: describeError(error) }),
    )
    return () => {
      live = false
    }
  }, [avatarId, attempt])

  return (
    <section className="bindings" aria-labelledby="bindings-title" aria-busy={load.state === 'loading'}>
      <div className="section-title">
        <h2 id="bindings-title">{t('bindings')}</h2>
        <button type="button" className="ghost small" onClick={retry} disabled={load.state === 'loading'}>
          {t('refresh')}
        </button>
      </div>
      {load.state === 'loading' && <p className="muted">{t('loadingBindings')}</p>}
      {load.state === 'error' && (
        <div className="stack" data-testid="bindings-error">
          <ErrorText message={load.message} />
          <button type="button" onClick={retry}>
            {t('retry')}
          </button>
        </div>
      )}
      {load.state === 'ready' && load.bindings.length === 0 && <p className="empty">{t('noBindings')}</p>}
      {load.state === 'ready' && load.bindings.length > 0 && (
        <ul className="binding-list">
          {load.bindings.map((binding) => (
            <BindingRow
              key={`${binding.platform}:${binding.identity}`}
              binding={binding}
              nowMs={load.at}
              onRevoke={() => setRevoking(binding)}
            />
          ))}
        </ul>
      )}
      {revoking && (
        <div className="sheet-backdrop">
          <RevokeSheet
            binding={revoking}
            onDone={retry}
            onClose={() => setRevoking(undefined)}
            onRevokeFlow={onRevokeFlow}
          />
        </div>
      )}
    </section>
  )
}
