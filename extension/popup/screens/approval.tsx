/**
 * The approval window (the popup page at `#approval`, opened by the background in a 380×640
 * window): unlock first when locked, then the queue of dApp requests one at a time, oldest first.
 * An empty queue closes the window; closing it otherwise rejects what is left (the background).
 */
import { useCallback, useEffect, useState } from 'react'
import type { PendingApproval, WalletState } from '../../messaging/catalogue.js'
import { callBackground, describeError, onLockedAnswer } from '../background.js'
import { ApprovalCard } from '../components/approval-card.js'
import { ErrorText } from '../components/error-text.js'
import { Screen } from '../components/screen.js'
import { pickShown } from '../format/approval-queue.js'
import { t } from '../i18n.js'
import { Unlock } from './unlock.js'

const POLL_MS = 500

/** The whole approval window: the wallet's state decides between unlock and the queue. */
export function Approval() {
  const [wallet, setWallet] = useState<WalletState>()
  const [error, setError] = useState<string>()
  const refresh = useCallback(() => {
    callBackground('getState').then(setWallet, (failure: unknown) => setError(describeError(failure)))
  }, [])
  useEffect(refresh, [refresh])
  useEffect(() => onLockedAnswer(refresh), [refresh])

  if (error) {
    return (
      <Screen title={t('approvalTitle')}>
        <ErrorText message={`${t('backgroundUnreachable')}: ${error}`} />
      </Screen>
    )
  }
  if (!wallet) return <p className="muted centered">{t('working')}</p>
  if (wallet.status === 'locked') return <Unlock avatarCount={wallet.avatars.length} onDone={setWallet} />
  if (wallet.status === 'empty') {
    return (
      <Screen title={t('approvalTitle')}>
        <p className="empty">{t('approvalNoVault')}</p>
      </Screen>
    )
  }
  return <ApprovalQueue wallet={wallet} />
}

type Unlocked = Extract<WalletState, { status: 'unlocked' }>

/** Polls the queue (every 500 ms and on focus) and shows one request; closes the window once nothing is left. */
function ApprovalQueue({ wallet }: { wallet: Unlocked }) {
  const [queue, setQueue] = useState<PendingApproval[]>()
  const [shownId, setShownId] = useState<string>()
  const [error, setError] = useState<string>()
  const load = useCallback(() => {
    callBackground('getPendingApprovals').then(
      (pending) => {
        setQueue(pending)
        setError(undefined)
      },
      (failure: unknown) => setError(describeError(failure)),
    )
  }, [])
  useEffect(() => {
    load()
    const timer = setInterval(load, POLL_MS)
    window.addEventListener('focus', load)
    return () => {
      clearInterval(timer)
      window.removeEventListener('focus', load)
    }
  }, [load])

  const shown = queue && pickShown(queue, shownId)
  useEffect(() => {
    if (queue && queue.length === 0) window.close()
  }, [queue])
  useEffect(() => {
    if (shown && shown.id !== shownId) setShownId(shown.id)
  }, [shown, shownId])

  if (!queue) return <p className="muted centered">{error ?? t('working')}</p>
  if (!shown) return <p className="empty">{t('approvalQueueEmpty')}</p>
  return (
    <ApprovalCard
      key={shown.id}
      request={shown}
      queue={queue}
      avatars={wallet.avatars}
      pollError={error}
      onResolved={load}
    />
  )
}
