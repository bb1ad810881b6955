import { useId, useState } from 'react'
import { avatarAddress } from '../../../src/crypto/index.js'
import type { AvatarSummary, DappRequestKind, PendingApproval } from '../../messaging/catalogue.js'
import { callBackground } from '../background.js'
import { countFromOrigin, originParts, positionOf } from '../format/approval-queue.js'
import { shortenId } from '../format/short-id.js'
import { type SignTextWarning, signTextWarnings, visibleParts } from '../format/sign-text.js'
import { type MessageKey, t } from '../i18n.js'
import { useAction } from '../use-action.js'
import { ErrorText } from './error-text.js'
import { KvDiff } from './kv-diff.js'
import { useArmed } from './use-armed.js'

const KIND_TITLES: Record<DappRequestKind, MessageKey> = {
  connect: 'approvalKindConnect',
  signIn: 'approvalKindSignIn',
  signMessage: 'approvalKindSignMessage',
  kvSet: 'approvalKindKvSet',
}

/** What the site asks, in a sentence naming it (the origin comes from the browser, never from the page). */
const KIND_LEADS: Record<DappRequestKind, MessageKey> = {
  connect: 'approvalLeadConnect',
  signIn: 'approvalLeadSignIn',
  signMessage: 'approvalLeadSignMessage',
  kvSet: 'approvalLeadKvSet',
}

type Props = {
  request: PendingApproval
  queue: PendingApproval[]
  avatars: AvatarSummary[]
  pollError: string | undefined
  onResolved: () => void
}

/**
 * One pending request: who asks (the origin, big), what (in words, with the exact text or diff), and
 * the answers. The card is mounted afresh for each request (keyed by id), so Approve starts
 * disabled for each one (useArmed): a second click meant for the request before never approves this one.
 */
export function ApprovalCard({ request, queue, avatars, pollError, onResolved }: Props) {
  const [avatarId, setAvatarId] = useState(request.avatarId)
  const action = useAction()
  const armed = useArmed()
  const { position, total } = positionOf(queue, request.id)
  const fromOrigin = countFromOrigin(queue, request.origin)
  const answer = (approve: boolean) =>
    action.run(async () => {
      const picked = approve && request.kind === 'connect' ? { avatarId } : {}
      await callBackground('resolveApproval', { id: request.id, approve, ...picked })
      onResolved()
    })
  const rejectAll = () =>
    action.run(async () => {
      await callBackground('rejectAllFromOrigin', { origin: request.origin })
      onResolved()
    })

  return (
    <section className="screen approval" data-testid="approval" data-kind={request.kind}>
      <header className="bar">
        <h1>{t(KIND_TITLES[request.kind])}</h1>
        <span className="muted" data-testid="approval-position">
          {t('approvalPosition', String(position), String(total))}
        </span>
      </header>
      <div className="content">
        <OriginBanner origin={request.origin} />
        <p className="description">{t(KIND_LEADS[request.kind], request.origin)}</p>
        <RequestDetails request={request} avatars={avatars} avatarId={avatarId} onPick={setAvatarId} />
        <ErrorText message={action.error ?? pollError} />
        <div className="row">
          <button type="button" disabled={action.busy} onClick={() => answer(false)}>
            {t('approvalReject')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={action.busy || !armed}
            data-armed={armed}
            onClick={() => answer(true)}
          >
            {t('approvalApprove')}
          </button>
        </div>
        <button type="button" className="danger" disabled={action.busy} onClick={rejectAll}>
          {t('approvalRejectAll', String(fromOrigin))}
        </button>
      </div>
    </section>
  )
}

/** The origin as the browser reported it, scheme included; a warning for plain http. */
function OriginBanner({ origin }: { origin: string }) {
  const parts = originParts(origin)
  return (
    <div className="origin-banner">
      <span className="muted">{t('approvalFrom')}</span>
      <p className="origin" data-testid="approval-origin">
        <span className="origin-scheme">{parts.scheme}</span>
        {parts.host}
      </p>
      {parts.insecure && <p className="warning">{t('approvalInsecure')}</p>}
    </div>
  )
}

type DetailsProps = {
  request: PendingApproval
  avatars: AvatarSummary[]
  avatarId: string
  onPick: (id: string) => void
}

/** What is shared or signed: the avatar picker for connect, the exact message, or the KV diff. */
function RequestDetails({ request, avatars, avatarId, onPick }: DetailsProps) {
  const pickerId = useId()
  if (request.kind === 'connect') {
    return (
      <div className="field">
        <label htmlFor={pickerId}>{t('approvalShareAvatar')}</label>
        <select id={pickerId} value={avatarId} onChange={(event) => onPick(event.target.value)}>
          {avatars.map((avatar) => (
            <option key={avatar.id} value={avatar.id}>
              {avatar.name} · {shortenId(avatar.id)}
            </option>
          ))}
        </select>
        <p className="hint">{t('approvalConnectHint')}</p>
      </div>
    )
  }
  const avatar = avatars.find((candidate) => candidate.id === request.avatarId)
  const message = request.message ?? ''
  return (
    <>
      <p className="muted">{t('approvalAsAvatar', avatar?.name ?? '', shortenId(request.avatarId))}</p>
      {request.kind === 'kvSet' ? (
        <div className="field">
          <span className="muted">{t('approvalKvNamespace', request.origin)}</span>
          <KvDiff changes={request.changes ?? []} />
        </div>
      ) : (
        <div className="field">
          {/* An imported phrase or key is likely a wallet's: its account signs this text too. */}
          {avatar && avatar.source !== 'created' && (
            <p className="warning" data-testid="approval-wallet-account">
              {t('approvalWarnWalletAccount', avatarAddress(avatar.id))}
            </p>
          )}
          {signTextWarnings(message).map((warning) => (
            <p key={warning} className="warning" data-testid="approval-text-warning">
              {t(WARNING_KEYS[warning])}
            </p>
          ))}
          <span className="muted">{t('approvalExactText')}</span>
          <pre className="payload message-box" data-testid="approval-message">
            {visibleParts(message).map((part, index) =>
              'hidden' in part ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order.
                <mark key={index} className="hidden-char">
                  {part.hidden}
                </mark>
              ) : (
                part.text
              ),
            )}
          </pre>
        </div>
      )}
    </>
  )
}

const WARNING_KEYS: Record<SignTextWarning, MessageKey> = {
  bidi: 'approvalWarnBidi',
  invisible: 'approvalWarnInvisible',
  long: 'approvalWarnLong',
}
