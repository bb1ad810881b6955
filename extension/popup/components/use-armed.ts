import { useEffect, useState } from 'react'

/** How long Approve stays disabled after a new request shows or the window gains focus. */
export const ARM_DELAY_MS = 1_000

/**
 * False for `delayMs` after mount and again after every time the window gains focus or becomes
 * visible: a click aimed at the previous request (a double click), or made while the window was
 * being raised over the page, cannot land on Approve of a request the user has not seen (issue 14).
 */
export function useArmed(delayMs = ARM_DELAY_MS): boolean {
  const [armed, setArmed] = useState(false)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const disarm = () => {
      setArmed(false)
      clearTimeout(timer)
      timer = setTimeout(() => setArmed(true), delayMs)
    }
    const onVisibility = () => {
      if (document.visibilityState === 'visible') disarm()
    }
    disarm()
    window.addEventListener('focus', disarm)
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      clearTimeout(timer)
      window.removeEventListener('focus', disarm)
      document.removeEventListener('visibilitychange', onVisibility)
    }
  }, [delayMs])
  return armed
}
