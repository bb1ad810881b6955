import { useEffect, useRef, useState } from 'react'
import type { Binding, PreparedSignature, RevokeBindingFlow } from '../../messaging/catalogue.js'
import { callBackground } from '../background.js'
import { proofPayloadWords } from '../format/payload-words.js'
import { type PublicPost, publicPostOf } from '../format/public-post.js'
import { type MessageKey, t } from '../i18n.js'
import { useAction } from '../use-action.js'
import { ErrorText } from './error-text.js'
import { platformName } from './platform-badge.js'
import { WalletRevoke } from './wallet-revoke.js'

const POST_LABELS: Record<PublicPost, MessageKey> = {
  tweet: 'postTweet',
  gist: 'postGist',
  'dns-record': 'postDnsRecord',
  'keybase-file': 'postKeybase',
  message: 'postMessage',
  'steam-profile': 'postSteamProfile',
  post: 'postPublic',
}

type Props = {
  binding: Binding
  onDone: () => void
  onClose: () => void
  /**
   * Open a flow: the revoke waits for the service (it went down, or the chain moved and the revoke
   * is signed afresh), or the service wants a new proof to revoke (§7.2) and that flow started.
   */
  onRevokeFlow: (flowId: string) => void
}

/** Revoke in two steps: the delete payload in words (and exact) first, signed only on Confirm (§7.2). */
export function RevokeSheet({ binding, onDone, onClose, onRevokeFlow }: Props) {
  const [prepared, setPrepared] = useState<PreparedSignature>()
  const [revoked, setRevoked] = useState(false)
  const action = useAction()

  const prepare = () =>
    action.run(async () => {
      setPrepared(await callBackground('prepareRevoke', { platform: binding.platform, identity: binding.identity }))
    })
  // The payload is asked for once, when the sheet opens (a ref, so StrictMode's second run asks nothing).
  const asked = useRef(false)
  // biome-ignore lint/correctness/useExhaustiveDependencies: prepared once per sheet.
  useEffect(() => {
    if (asked.current) return
    asked.current = true
    prepare()
  }, [])
  // The background submits the revoke; one that is not done at once goes on there, shown as a flow.
  const settled = (flow: RevokeBindingFlow) => {
    if (flow.step !== 'done') return onRevokeFlow(flow.id)
    setRevoked(true)
    onDone()
  }
  const confirm = (requestId: string) =>
    action.run(async () => settled(await callBackground('confirmRevoke', { requestId })))
  // The avatar's signature alone was refused for this platform: revoke through a newly published proof instead.
  const revokeWithProof = () =>
    action.run(async () => {
      if (prepared) await callBackground('cancelRequest', { requestId: prepared.requestId }).catch(() => undefined)
      const flow = await callBackground('startRevokeFlow', { platform: binding.platform, identity: binding.identity })
      onRevokeFlow(flow.id)
    })
  const cancel = () => {
    // Dropping the prepared payload is best effort: it expires in the background anyway.
    if (prepared) callBackground('cancelRequest', { requestId: prepared.requestId }).catch(() => undefined)
    onClose()
  }

  if (revoked) {
    return (
      <div className="sheet stack" role="status" data-testid="revoke-done">
        <p className="success">{t('revoked', platformName(binding.platform), binding.identity)}</p>
        <p className="warning">{revokeReminder(binding.platform)}</p>
        <button type="button" className="primary" onClick={onClose}>
          {t('done')}
        </button>
      </div>
    )
  }
  return (
    <div className="sheet stack" role="dialog" aria-label={t('revokeTitle')} data-testid="revoke-sheet">
      <h2>{t('revokeTitle')}</h2>
      {prepared ? (
        <>
          <p className="description" data-testid="revoke-description">
            {proofPayloadWords(prepared.payload)}
          </p>
          <details className="advanced">
            <summary>{t('exactPayload')}</summary>
            <pre className="payload">{prepared.signPayload}</pre>
          </details>
        </>
      ) : (
        <p className="muted">
          {action.busy ? t('preparingRevoke') : t('revokeAsk', platformName(binding.platform), binding.identity)}
        </p>
      )}
      {action.code === 'REVOKE_NEEDS_PROOF' ? (
        <div className="stack" data-testid="revoke-needs-proof">
          <p className="warning">{t('revokeNeedsProof')}</p>
          <p className="hint">{action.error}</p>
          <button type="button" className="primary" disabled={action.busy} onClick={revokeWithProof}>
            {t('revokeWithProof')}
          </button>
        </div>
      ) : (
        <ErrorText message={action.error} />
      )}
      <div className="row">
        <button type="button" onClick={cancel} disabled={action.busy}>
          {t('cancel')}
        </button>
        {prepared ? (
          <button type="button" className="danger" disabled={action.busy} onClick={() => confirm(prepared.requestId)}>
            {action.busy ? t('working') : t('confirmRevoke')}
          </button>
        ) : (
          <button type="button" className="primary" disabled={action.busy} onClick={prepare}>
            {t('retry')}
          </button>
        )}
      </div>
      {prepared && (binding.platform === 'ethereum' || binding.platform === 'solana') && (
        // The bound wallet may revoke with its own signature instead of the avatar's (§6.4 delete (a), §6.5).
        <WalletRevoke
          requestId={prepared.requestId}
          chain={binding.platform}
          disabled={action.busy}
          onRevoked={settled}
        />
      )}
    </div>
  )
}

/** The reminder after a revoke: the proof post is still public until the user deletes it. */
function revokeReminder(platform: string): string {
  const post = publicPostOf(platform)
  if (!post) return t('reminderWallet', platformName(platform))
  return t('reminderDeletePost', t(POST_LABELS[post]))
}
