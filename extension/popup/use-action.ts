import { useCallback, useEffect, useRef, useState } from 'react'
import { describeError, errorCode } from './background.js'

export type Action = {
  busy: boolean
  error: string | undefined
  code: string | undefined
  /** Runs `task` unless one is already running; its failure becomes `error`. */
  run: (task: () => Promise<void>) => Promise<void>
  clear: () => void
}

/** Busy and error state of one button's call to the background (no update after unmount). */
export function useAction(): Action {
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<{ message: string; code: string | undefined }>()
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const run = useCallback(async (task: () => Promise<void>) => {
    setBusy(true)
    setFailure(undefined)
    try {
      await task()
    } catch (error) {
      if (mounted.current) setFailure({ message: describeError(error), code: errorCode(error) })
    } finally {
      if (mounted.current) setBusy(false)
    }
  }, [])
  const clear = useCallback(() => setFailure(undefined), [])

  return { busy, error: failure?.message, code: failure?.code, run, clear }
}
