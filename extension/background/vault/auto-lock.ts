/** The absolute auto-lock deadline: set once at unlock, never pushed back by activity. */
import { requireInteger } from '../../../src/input.js'
import { MAX_AUTO_LOCK_MINUTES, MIN_AUTO_LOCK_MINUTES } from '../storage/settings.js'

const MINUTE_MS = 60_000

/** The deadline (unix ms) for an unlock at `now` with the configured minutes. */
export function lockDeadline(now: number, autoLockMinutes: number): number {
  requireInteger(now, 'now', 0, Number.MAX_SAFE_INTEGER)
  requireInteger(autoLockMinutes, 'autoLockMinutes', MIN_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES)
  return now + autoLockMinutes * MINUTE_MS
}

/** True once the deadline is reached (at the deadline itself the vault is already locked). */
export function isPastDeadline(now: number, lockAt: number): boolean {
  return now >= lockAt
}
