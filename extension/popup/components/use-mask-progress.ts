import { useEffect, useState } from 'react'
import browser from 'webextension-polyfill'
import { type MaskImportProgress, MASK_IMPORT_PROGRESS_KEY as PROGRESS_KEY } from '../../messaging/catalogue.js'
import { progressShare } from '../format/progress-share.js'

/**
 * Where opening an encrypted backup stands, pushed by the background through storage.session's
 * change event, and the share done (format/progress-share.ts).
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
  return { progress, share: progress ? progressShare(progress, now) : 0 }
}
