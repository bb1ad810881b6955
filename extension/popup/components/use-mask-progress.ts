import { useEffect, useState } from 'react'
import browser from 'webextension-polyfill'
import type { MaskImportProgress } from '../../messaging/catalogue.js'

// Written by the background while an encrypted backup opens (mask-import-flow.ts MASK_IMPORT_PROGRESS_KEY).
const PROGRESS_KEY = 'maskImportProgress'

/**
 * Where opening an encrypted backup stands, pushed by the background through storage.session's
 * change event, and the share of the current try done by the clock (a WebCrypto derivation cannot
 * report its own progress; the background measured how long one takes here).
 */
export function useMaskProgress(active: boolean): { progress: MaskImportProgress | undefined; share: number } {
  const [progress, setProgress] = useState<MaskImportProgress>()
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    if (!active) return
    const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
      if (area === 'session' && PROGRESS_KEY in changes) {
        setProgress((changes[PROGRESS_KEY]?.newValue as MaskImportProgress | undefined) ?? undefined)
      }
    }
    browser.storage.onChanged.addListener(listener)
    // A try may have been reported before this listener existed.
    void browser.storage.session.get(PROGRESS_KEY).then((stored) => {
      const current = stored[PROGRESS_KEY] as MaskImportProgress | undefined
      if (current) setProgress((shown) => shown ?? current)
    })
    // Only the bar moves on this timer: nothing is asked of the background.
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => {
      browser.storage.onChanged.removeListener(listener)
      clearInterval(timer)
      setProgress(undefined)
    }
  }, [active])
  if (!progress) return { progress, share: 0 }
  const done = progress.attempt - 1
  const inTry = Math.min(0.95, (now - progress.startedAt - done * progress.estimatedMs) / progress.estimatedMs)
  return { progress, share: Math.max(0, (done + Math.max(0, inTry)) / progress.attempts) }
}
