import { callBackground } from '../background.js'
import { ErrorText } from '../components/error-text.js'
import { FlowOutcome } from '../components/flow-outcome.js'
import { FlowPublish } from '../components/flow-publish.js'
import { FlowSteps } from '../components/flow-steps.js'
import { FlowWaiting } from '../components/flow-waiting.js'
import { PlatformBadge, platformName } from '../components/platform-badge.js'
import { Screen } from '../components/screen.js'
import { useFlows } from '../components/use-flows.js'
import { t } from '../i18n.js'
import type { Navigate } from '../routes.js'
import { useAction } from '../use-action.js'

type Props = { flowId: string; navigate: Navigate }

/**
 * One binding (or revoke) flow, re-read from the background every second: the background owns the
 * flow, so closing and reopening the popup shows the same step. Wallet flows live on the wallet
 * screen; a confirmed revoke has no publish step, only its checks and outcome.
 */
export function BindingFlowScreen({ flowId, navigate }: Props) {
  const { load, reload } = useFlows(1000)
  const action = useAction()
  const home = () => navigate({ name: 'main' })
  const flow = load.state === 'ready' ? load.flows.find((entry) => entry.id === flowId) : undefined

  if (!flow) {
    return (
      <Screen title={t('addBinding')} onBack={home}>
        {load.state === 'loading' && <p className="muted">{t('working')}</p>}
        {load.state === 'error' && <ErrorText message={load.message} />}
        {load.state === 'ready' && <p className="empty">{t('flowGone')}</p>}
      </Screen>
    )
  }
  const title = t(flow.action === 'delete' ? 'flowTitleDelete' : 'flowTitleCreate', platformName(flow.platform))
  if (flow.kind === 'wallet') {
    return (
      <Screen title={title} onBack={home}>
        <p>{t('flowWallet')}</p>
        <button type="button" className="primary" onClick={() => navigate({ name: 'bind-wallet' })}>
          {t('flowWalletOpen')}
        </button>
      </Screen>
    )
  }

  // Start again: the proof already published is checked again; only a moved chain signs anew (background).
  const restart = () =>
    action.run(async () => {
      await callBackground('restartFlow', { flowId: flow.id })
      reload()
    })
  const checkNow = () =>
    action.run(async () => {
      await callBackground('checkFlowNow', { flowId: flow.id })
      reload()
    })
  // The revoke this flow tried is replaced by one through a newly published proof (§7.2).
  const revokeWithProof = () =>
    action.run(async () => {
      const next = await callBackground('startRevokeFlow', { platform: flow.platform, identity: flow.identity })
      await callBackground('clearFlow', { flowId: flow.id })
      navigate({ name: 'binding-flow', flowId: next.id })
    })
  const clearThen = (then: () => void) =>
    action.run(async () => {
      await callBackground('clearFlow', { flowId: flow.id })
      then()
    })

  return (
    <Screen title={title} onBack={home}>
      <div className="flow-identity">
        <PlatformBadge platform={flow.platform} />
        <span className="identity">{flow.identity}</span>
      </div>
      <FlowSteps flow={flow} />
      {flow.step === 'publish' && <FlowPublish key={flow.postText} flow={flow} onSubmitted={reload} />}
      {flow.step === 'submit' && (
        <FlowWaiting
          flow={flow}
          nowMs={load.state === 'ready' ? load.at : Date.now()}
          action={action}
          onCheckNow={checkNow}
          onCancel={() => clearThen(home)}
        />
      )}
      {(flow.step === 'done' || flow.step === 'failed') && (
        <FlowOutcome
          flow={flow}
          action={action}
          onHome={() => clearThen(home)}
          onRestart={restart}
          onClear={() => clearThen(home)}
          onRevokeWithProof={revokeWithProof}
        />
      )}
    </Screen>
  )
}
