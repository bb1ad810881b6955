/** Collects `$n` parameters while a statement is assembled, so values never enter the SQL text. */
import type { SqlParam } from '../db/database.js'

export class SqlParams {
  readonly values: SqlParam[] = []

  /** The placeholder for `value`. */
  add(value: SqlParam): string {
    this.values.push(value)
    return `$${this.values.length}`
  }

  /** Placeholders for a non-empty list, comma-separated (for `IN (…)`). */
  list(values: readonly SqlParam[]): string {
    return values.map((value) => this.add(value)).join(', ')
  }
}
