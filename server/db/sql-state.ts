/**
 * PostgreSQL error codes (SQLSTATE), read the same way from pg's and PGlite's errors, so routes can
 * turn a constraint violation into a clean 400 (e.g. a reused KV uuid, §15 #7).
 */

export const UNIQUE_VIOLATION = '23505'
export const FOREIGN_KEY_VIOLATION = '23503'

/** The SQLSTATE of a database error, or undefined for anything else. */
export function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined
}

/** True when `error` is a unique violation, of `constraint` when one is named. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (sqlStateOf(error) !== UNIQUE_VIOLATION) return false
  return constraint === undefined || (error as { constraint?: unknown }).constraint === constraint
}

/**
 * True when `error` is the database refusing the statement itself — bad data (class 22), a
 * constraint (23), a deadlock or serialization failure (40) — so its transaction certainly rolled
 * back. Anything else (a dropped connection, a timeout) leaves unknown whether a COMMIT went through.
 */
export function isRolledBackStatementError(error: unknown): boolean {
  const sqlClass = sqlStateOf(error)?.slice(0, 2)
  return sqlClass === '22' || sqlClass === '23' || sqlClass === '40'
}
