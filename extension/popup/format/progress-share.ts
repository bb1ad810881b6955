import type { MaskImportProgress } from '../../messaging/catalogue.js'

/**
 * How much of opening an encrypted backup is done (0–1), by the clock: a WebCrypto derivation
 * cannot report its own progress, so each try is assumed to take the time the background measured.
 * A try that runs over its estimate stays just short of its end until the next try is reported.
 */
export function progressShare(progress: MaskImportProgress, nowMs: number): number {
  const done = progress.attempt - 1
  const elapsedInTry = nowMs - progress.startedAt - done * progress.estimatedMs
  const inTry = Math.min(0.95, Math.max(0, elapsedInTry / progress.estimatedMs))
  return (done + inTry) / progress.attempts
}
