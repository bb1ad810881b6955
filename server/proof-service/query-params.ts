/**
 * Query-string parameters as the reference's gin binding reads them (§4.6–§4.9): the FIRST value
 * of a repeated parameter, integers and Go booleans, every fault a 400 `Param error`.
 */
import type { Context } from 'hono'
import { HttpError } from '../http/http-error.js'

// Pages beyond this hold nothing anyway; the cap keeps OFFSET well inside bigint and JS numbers.
const MAX_PAGE = 1_000_000_000

/** The first value of `name`, or `""` when absent (Go's zero value); NUL, which PostgreSQL text cannot hold, is a 400. */
export function readQueryParam(c: Context, name: string): string {
  const value = new URL(c.req.url).searchParams.get(name) ?? ''
  if (value.includes('\u0000')) throw new HttpError(400, 'Param error')
  return value
}

/** A base-10 integer (Go's strconv.Atoi: optional sign, digits); `""` gives `fallback`. */
export function parseIntegerParam(text: string, fallback: number): number {
  if (text === '') return fallback
  if (!/^[+-]?\d+$/.test(text)) throw new HttpError(400, 'Param error')
  const value = BigInt(text)
  if (value > BigInt(MAX_PAGE) * 100n) return MAX_PAGE * 100
  if (value < -BigInt(MAX_PAGE) * 100n) return -MAX_PAGE * 100
  return Number(value)
}

/** A 1-based page; values ≤ 0 become 1 (§4.6). */
export function parsePageParam(text: string): number {
  return Math.min(Math.max(parseIntegerParam(text, 1), 1), MAX_PAGE)
}

const GO_TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True']
const GO_FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False']

/** A boolean as Go's strconv.ParseBool reads it; `""` is false. */
export function parseBooleanParam(text: string): boolean {
  if (text === '' || GO_FALSE.includes(text)) return false
  if (GO_TRUE.includes(text)) return true
  throw new HttpError(400, 'Param error')
}

/** The pagination object of §4.6 and §4.8: `next` is 0 on the last page (§15 #17). */
export function paginationOf(total: number, per: number, current: number) {
  return { total, per, current, next: total > per * current ? current + 1 : 0 }
}
