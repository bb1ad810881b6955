/**
 * The one store of requests waiting for the user's decision, whoever made them: a payload the
 * popup prepared for signing (revoke, KV patch) or a web page's request for the approval window.
 * They live in storage.session (never a secret in them): a prepared request survives a worker
 * restart between prepare and confirm (PRODUCT: a half-done binding survives a restarted worker)
 * and expires 10 minutes after it was prepared. Every request is decided by its id (and kind) only,
 * and a lock clears them all at once.
 */

import type { JsonValue } from '../../../src/client/index.js'
import { InvalidInputError } from '../../../src/errors.js'
import { requireNonEmptyString } from '../../../src/input.js'
import type { PendingApproval } from '../../messaging/catalogue.js'
import { NotFoundError } from '../errors.js'
import { createSerialQueue } from './serial-queue.js'
import type { RecordStore } from './storage-ports.js'

export const REQUESTS_KEY = 'awaiting-user'
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

/**
 * A web page's request shown in the approval window (dapp/approval-queue.ts). The page waits for
 * the answer over a Port that dies with the worker, so it is kept only as long as that worker runs.
 */
export type DappApprovalRequest = { kind: 'dapp-approval'; approval: Omit<PendingApproval, 'id'> }

export type AwaitingRequest = RevokeRequest | KvPatchRequest | DappApprovalRequest
type Kind = AwaitingRequest['kind']

/** `expiresAt` null: waits until decided, withdrawn or cleared. */
type Held = AwaitingRequest & { expiresAt: number | null }

export type AddOptions = {
  /** The id to keep it under (the caller's own random id); a fresh random one otherwise. */
  id?: string
  /** How long it waits before it expires; null waits until decided. Default 10 minutes. */
  lifetimeMs?: number | null
}

export type AwaitingRequests = ReturnType<typeof createAwaitingRequests>

/** The store over a RecordStore (storage.session in the extension); `now` is injected for expiry. */
export function createAwaitingRequests(store: RecordStore, now: () => number) {
  // One stored map, so read-modify-write steps run one at a time.
  const serial = createSerialQueue()

  const readLive = async (): Promise<Map<string, Held>> => {
    const value = await store.get(REQUESTS_KEY)
    const held = new Map<string, Held>()
    if (typeof value !== 'object' || value === null) return held
    for (const [id, entry] of Object.entries(value as Record<string, Held>)) {
      const live = entry?.expiresAt === null || (typeof entry?.expiresAt === 'number' && now() < entry.expiresAt)
      if (live) held.set(id, entry)
    }
    return held
  }

  const write = async (held: Map<string, Held>) => {
    if (held.size === 0) await store.delete(REQUESTS_KEY)
    else await store.set(REQUESTS_KEY, Object.fromEntries(held))
  }

  const strip = <K extends Kind>(entry: Held) => {
    const { expiresAt: _, ...request } = entry
    return request as Extract<AwaitingRequest, { kind: K }>
  }

  /** Drops every request that `drop` picks; returns how many. */
  const removeWhere = (drop: (id: string, request: Held) => boolean) =>
    serial(async () => {
      const held = await readLive()
      const ids = [...held].filter(([id, request]) => drop(id, request)).map(([id]) => id)
      for (const id of ids) held.delete(id)
      await write(held)
      return ids.length
    })

  return {
    /** Stores a request and returns its id. */
    add: (request: AwaitingRequest, options: AddOptions = {}): Promise<string> =>
      serial(async () => {
        const held = await readLive()
        const requestId = options.id ?? crypto.randomUUID()
        if (held.has(requestId)) throw new InvalidInputError('requestId', 'is already waiting')
        const lifetime = options.lifetimeMs === undefined ? REQUEST_LIFETIME_MS : options.lifetimeMs
        held.set(requestId, { ...request, expiresAt: lifetime === null ? null : now() + lifetime })
        await write(held)
        return requestId
      }),
    /** The live request with this id and kind; NOT_FOUND when unknown, expired or of another kind. */
    get: <K extends Kind>(requestId: unknown, kind: K) =>
      serial(async () => {
        const entry = (await readLive()).get(requireRequestId(requestId))
        if (!entry || entry.kind !== kind) throw new NotFoundError('request (or it expired)')
        return strip<K>(entry)
      }),
    /** Every live request of one kind with its id, oldest first. */
    list: <K extends Kind>(kind: K) =>
      serial(async () =>
        [...(await readLive())]
          .filter(([, entry]) => entry.kind === kind)
          .map(([id, entry]) => ({ id, request: strip<K>(entry) })),
      ),
    /** Drops a request; NOT_FOUND when there is no live one with this id. */
    remove: async (requestId: unknown) => {
      const id = requireRequestId(requestId)
      if ((await removeWhere((heldId) => heldId === id)) === 0) throw new NotFoundError('request (or it expired)')
    },
    /** Drops every request of one kind (a new worker: the pages that waited on the old one are gone). */
    removeKind: (kind: Kind) => removeWhere((_, request) => request.kind === kind),
    /** Forgets every request (lock). */
    clear: () => serial(() => store.delete(REQUESTS_KEY)),
  }
}

function requireRequestId(value: unknown): string {
  const id = requireNonEmptyString(value, 'requestId')
  if (id.length > 64) throw new InvalidInputError('requestId', 'is longer than 64 characters')
  return id
}
