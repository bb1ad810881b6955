/** Turns "seconds ago" into the value and unit Intl.RelativeTimeFormat wants. */
export type Age = { value: number; unit: 'second' | 'minute' | 'hour' | 'day' }

const STEPS: [Age['unit'], number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
]

/** The age of a Unix-seconds timestamp at `nowMs`, in the largest whole unit, as a negative (past) value. */
export function ageOf(unixSeconds: number, nowMs: number): Age {
  const elapsed = Math.max(0, Math.floor(nowMs / 1000) - unixSeconds)
  for (const [unit, seconds] of STEPS) {
    if (elapsed >= seconds) return { value: -Math.floor(elapsed / seconds), unit }
  }
  return { value: -elapsed, unit: 'second' }
}

/** Whole days since a Unix-seconds timestamp (for "not re-checked for N days"). */
export function daysSince(unixSeconds: number, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs / 1000 - unixSeconds) / 86_400))
}
