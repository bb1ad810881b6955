/**
 * Payloads prepared for signing and waiting for the user's confirmation (revoke, KV patch). They
 * live in storage.session (never a secret in them) so a worker restart between prepare and confirm
 * does not lose them (PRODUCT: a half-done binding survives a restarted worker); a lock clears
 * them all, and each expires 10 minutes after it was prepared.
 */

import type { JsonValue } from '../../../src/client/index.js'
import { InvalidInputError } from '../../../src/errors.js'
import { requireNonEmptyString } from '../../../src/input.js'
import { NotFoundError } from '../errors.js'
import type { RecordStore } from './storage-ports.js'

export const REQUESTS_KEY = 'prepared-requests'
export const REQUEST_LIFETIME_MS = 10 * 60_000

/** A ProofService delete waiting to be signed (§7.2); uuid and createdAt are echoed as received. */
export type RevokeRequest = {
  kind: 'revoke'
  avatar: string
  platform: string
  identity: string
  uuid: string
  createdAt: string
  signPayload: string
}

/** A KVService patch waiting to be signed (§9.1); createdAt stays the number KVService sent. */
export type KvPatchRequest = {
  kind: 'kv-patch'
  avatar: string
  platform: string
  identity: string
  patch: JsonValue
  uuid: string
  createdAt: number
  signPayload: string
}

export type PreparedRequest = RevokeRequest | KvPatchRequest

type Held = PreparedRequest & { expiresAt: number }

export type PreparedRequests = ReturnType<typeof createPreparedRequests>

/** The registry over a RecordStore (storage.session in the extension); `now` is injected for expiry. */
export function createPreparedRequests(store: RecordStore, now: () => number) {
  // One stored map, so read-modify-write steps run one at a time.
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const run = queue.then(step, step)
    queue = run.catch(() => undefined)
    return run
  }

  const readLive = async (): Promise<Record<string, Held>> => {
    const value = await store.get(REQUESTS_KEY)
    const held: Record<string, Held> = {}
    if (typeof value !== 'object' || value === null) return held
    for (const [id, entry] of Object.entries(value as Record<string, Held>)) {
      if (typeof entry?.expiresAt === 'number' && now() < entry.expiresAt) held[id] = entry
    }
    return held
  }

  const write = async (held: Record<string, Held>) => {
    if (Object.keys(held).length === 0) await store.delete(REQUESTS_KEY)
    else await store.set(REQUESTS_KEY, held)
  }

  return {
    /** Stores a request under a fresh random id and returns the id. */
    add: (request: PreparedRequest): Promise<string> =>
      serial(async () => {
        const held = await readLive()
        const requestId = crypto.randomUUID()
        held[requestId] = { ...request, expiresAt: now() + REQUEST_LIFETIME_MS }
        await write(held)
        return requestId
      }),
    /** The live request with this id and kind; NOT_FOUND when unknown, expired or of another kind. */
    get: <K extends PreparedRequest['kind']>(requestId: unknown, kind: K) =>
      serial(async () => {
        const id = requireRequestId(requestId)
        const held = await readLive()
        const entry = Object.hasOwn(held, id) ? held[id] : undefined
        if (!entry || entry.kind !== kind) throw new NotFoundError('request (or it expired)')
        const { expiresAt: _, ...request } = entry
        return request as Extract<PreparedRequest, { kind: K }>
      }),
    /** Drops a request; NOT_FOUND when there is no live one with this id. */
    remove: (requestId: unknown) =>
      serial(async () => {
        const id = requireRequestId(requestId)
        const held = await readLive()
        if (!Object.hasOwn(held, id)) throw new NotFoundError('request (or it expired)')
        delete held[id]
        await write(held)
      }),
    /** Forgets every request (lock). */
    clear: () => serial(() => store.delete(REQUESTS_KEY)),
  }
}

function requireRequestId(value: unknown): string {
  const id = requireNonEmptyString(value, 'requestId')
  if (id.length > 64) throw new InvalidInputError('requestId', 'is longer than 64 characters')
  return id
}
