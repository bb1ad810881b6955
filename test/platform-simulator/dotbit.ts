/**
 * Runs in: tests (Node). The .bit register API's `POST /v1/account/records` in its real wire format
 * (platforms.md §3.7): `{"err_no","err_msg","data":{"records":[…]}}`, HTTP 200 even for errors, with
 * the indexer's error codes (20007 account not exist, 20006 account format invalid,
 * `dotbitHQ/das-account-indexer:API.md`).
 */
import { Hono } from 'hono'
import type { SimulatedPlatform } from './simulated-platform.js'

export type SimulatedDotbitRecord = { key: string; type: string; label: string; value: string; ttl: string }

const ACCOUNT = /^[^\s.]+\.bit$/

/** The .bit accounts tests register, their records, and failure switches. */
export class DotbitState {
  /** When on, every request gets `err_no` 500 (the API's internal error). */
  failing = false
  /** When on, every request gets HTTP 503, as the API's gateway does during an outage. */
  down = false
  /** The accounts asked for, oldest first. */
  readonly requests: string[] = []
  readonly #accounts = new Map<string, SimulatedDotbitRecord[]>()

  /** Registers an account (lowercase, `name.bit`) with no records. */
  register(account: string): void {
    this.#accounts.set(account, [])
  }

  /** Sets a `profile` record (key `nextid` for proofs), replacing one with the same key. */
  setProfileRecord(account: string, key: string, value: string): void {
    const records = this.#accounts.get(account)
    if (!records) throw new Error(`no simulated .bit account ${account}`)
    const kept = records.filter((record) => !(record.key === key && record.type === 'profile'))
    this.#accounts.set(account, [...kept, { key, type: 'profile', label: '', value, ttl: '300' }])
  }

  /** Adds a `profile` record next to any with the same key (accounts may hold several). */
  addProfileRecord(account: string, key: string, value: string): void {
    const records = this.#accounts.get(account)
    if (!records) throw new Error(`no simulated .bit account ${account}`)
    records.push({ key, type: 'profile', label: '', value, ttl: '300' })
  }

  /** Removes every record with this key. */
  removeRecords(account: string, key: string): void {
    const records = this.#accounts.get(account)
    if (records)
      this.#accounts.set(
        account,
        records.filter((record) => record.key !== key),
      )
  }

  /** The account's records, or undefined for an account that does not exist. */
  records(account: string): SimulatedDotbitRecord[] | undefined {
    return this.#accounts.get(account)
  }
}

/** The simulated .bit API; mount it at `/dotbit` and use that as DOTBIT_API_URL. */
export function createDotbitSimulator(): SimulatedPlatform<DotbitState> {
  const state = new DotbitState()
  const app = new Hono()
  app.post('/v1/account/records', async (c) => {
    if (state.down) return c.text('Service Temporarily Unavailable', 503)
    const body: unknown = await c.req.json().catch(() => null)
    const account = typeof body === 'object' && body !== null ? (body as { account?: unknown }).account : undefined
    if (typeof account !== 'string') return c.json(failure(10000, 'params invalid'))
    state.requests.push(account)
    if (state.failing) return c.json(failure(500, 'internal error'))
    if (!ACCOUNT.test(account)) return c.json(failure(20006, 'account format invalid'))
    const records = state.records(account)
    if (!records) return c.json(failure(20007, 'account not exist'))
    return c.json({ err_no: 0, err_msg: '', data: { account, records } })
  })
  return { prefix: '/dotbit', app, state, config: (mountUrl) => ({ dotbit: { apiUrl: mountUrl } }) }
}

function failure(code: number, message: string): object {
  return { err_no: code, err_msg: message, data: null }
}
