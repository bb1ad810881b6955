import { useEffect, useState } from 'react'
import type { ProofChainView } from '../../messaging/catalogue.js'
import { callBackground, describeError } from '../background.js'
import { ChainLink } from '../components/chain-link.js'
import { ErrorText } from '../components/error-text.js'
import { Screen } from '../components/screen.js'
import { t } from '../i18n.js'

type Load = { state: 'loading' } | { state: 'ready'; chain: ProofChainView } | { state: 'error'; message: string }

/** The current avatar's proof chain as a timeline, every link verified in the background (§8). */
export function ProofChain({ avatarId, onBack }: { avatarId: string; onBack: () => void }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [attempt, setAttempt] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: the avatar and each retry start a new load.
  useEffect(() => {
    let live = true
    setLoad({ state: 'loading' })
    callBackground('getProofChain').then(
      (chain) => live && setLoad({ state: 'ready', chain }),
      (error: unknown) => live && setLoad({ state: 'error', message: describeError(error) }),
    )
    return () => {
      live = false
    }
  }, [avatarId, attempt])

  return (
    <Screen title={t('proofChain')} onBack={onBack}>
      {load.state === 'loading' && <p className="muted">{t('loadingChain')}</p>}
      {load.state === 'error' && (
        <div className="stack" data-testid="chain-error">
          <ErrorText message={load.message} />
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('retry')}
          </button>
        </div>
      )}
      {load.state === 'ready' && <Timeline chain={load.chain} />}
    </Screen>
  )
}

function Timeline({ chain }: { chain: ProofChainView }) {
  if (chain.links.length === 0) return <p className="empty">{t('chainEmpty')}</p>
  const bad = chain.links.filter((link) => link.status !== 'verified').length
  return (
    <>
      <p className={chain.valid ? 'summary ok' : 'summary bad'} data-testid="chain-summary">
        {chain.valid
          ? t('chainVerified', String(chain.links.length))
          : t('chainNotVerified', String(bad), String(chain.links.length))}
      </p>
      <ol className="timeline">
        {chain.links.map((link, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: links have no id of their own; the order is the chain.
          <ChainLink key={index} link={link} />
        ))}
      </ol>
    </>
  )
}
