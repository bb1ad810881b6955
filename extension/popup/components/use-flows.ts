import { useCallback, useEffect, useState } from 'react'
import type { BindingFlow } from '../../messaging/catalogue.js'
import { callBackground, describeError } from '../background.js'

export type FlowsLoad =
  | { state: 'loading' }
  | { state: 'ready'; flows: BindingFlow[]; at: number }
  | { state: 'error'; message: string }

/**
 * The flows not yet cleared, re-read from the background every `intervalMs` while mounted: the
 * background owns them (a closed popup or a restarted worker loses nothing), the popup only shows them.
 */
export function useFlows(intervalMs = 1000): { load: FlowsLoad; reload: () => void } {
  const [load, setLoad] = useState<FlowsLoad>({ state: 'loading' })
  const [round, setRound] = useState(0)
  const reload = useCallback(() => setRound((n) => n + 1), [])
  // biome-ignore lint/correctness/useExhaustiveDependencies: each reload restarts the polling at once.
  useEffect(() => {
    let live = true
    let timer: ReturnType<typeof setTimeout> | undefined
    // One request at a time: the next starts a full interval after the previous answer.
    const poll = () => {
      callBackground('getFlows')
        .then(
          (flows) => live && setLoad({ state: 'ready', flows, at: Date.now() }),
          (error: unknown) => live && setLoad({ state: 'error', message: describeError(error) }),
        )
        .finally(() => {
          if (live) timer = setTimeout(poll, intervalMs)
        })
    }
    poll()
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [intervalMs, round])
  return { load, reload }
}
