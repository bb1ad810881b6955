/**
 * Who may write which KV namespace (§9.4, with §15 #14's fixes): platform `nextid` needs the
 * identity to be the avatar itself; any other platform needs a ProofService binding between the
 * avatar and that identity, compared with the platform's identity normalisation. `is_valid` is
 * ignored, as in the reference. When the ProofService runs in this process, its database answers
 * with one indexed lookup; a ProofService elsewhere is asked for the avatar's bindings, page by
 * page, up to a few pages (far more than any real avatar fills).
 *
 * The ProofService may be Next.ID's own, across the internet. When it cannot be reached the
 * answer is 503 `ProofService error: unreachable`, and 502 when it answers with an error or a
 * malformed body: neither is the client's fault, so neither is a 4xx (the reference passes the
 * upstream status through instead).
 */
import { createProofServiceClient, type FetchFunction, type ProofServiceClient } from '../../src/client/index.js'
import { avatarId } from '../../src/crypto/index.js'
import { InvalidResponseError, NetworkError, ServiceError, TimeoutError } from '../../src/errors.js'
import { normalizeIdentity, type Platform } from '../../src/protocol/index.js'
import { parseSignerKey } from '../crypto/signer-keys.js'
import type { Queryable } from '../db/database.js'
import { HttpError } from '../http/http-error.js'
import { lookUpBinding } from '../proof-service/avatar-bindings.js'

/** Where the ProofService is and how to reach it (tests and the in-process server inject `fetch`). */
export type ProofServiceAccess = {
  proofServiceUrl: string
  proofServiceFetch?: FetchFunction
  proofServiceTimeoutMs?: number
  /** The database of the ProofService in this process, asked directly instead of over HTTP. */
  proofServiceDb?: Queryable
}

/** The parts of a KV write the permission depends on. */
export type KvWriter = { avatar: Uint8Array; platform: Platform; identity: string }

// 40 bindings per page (§4.6): 400 bindings, above our own cap of 256 per avatar and far above what
// real avatars hold on any ProofService; also a guard against one whose pages never end.
const MAX_PAGES = 10

const NOT_FOUND = 'Proof not found under this persona.'

/** Resolves when `writer` may write its (platform, identity) namespace; else throws the §9.1 HttpError. */
export async function canSetKv(access: ProofServiceAccess, writer: KvWriter): Promise<void> {
  if (writer.platform === 'nextid') return requireOwnAvatar(writer)
  const identity = normalizeIdentity(writer.platform, writer.identity)
  const id = avatarId(writer.avatar)
  if (access.proofServiceDb) {
    const { holds, known } = await lookUpBinding(access.proofServiceDb, id, writer.platform, identity)
    if (holds) return
    throw notFound(known, id)
  }
  const client = createProofServiceClient({
    baseUrl: access.proofServiceUrl,
    fetch: access.proofServiceFetch ?? globalThis.fetch,
    ...(access.proofServiceTimeoutMs === undefined ? {} : { timeoutMs: access.proofServiceTimeoutMs }),
  })
  let personaFound = false
  for await (const proofs of bindingsOf(client, id)) {
    personaFound = true
    if (
      proofs.some(
        (proof) => proof.platform === writer.platform && isSameIdentity(writer.platform, proof.identity, identity),
      )
    ) {
      return
    }
  }
  throw notFound(personaFound, id)
}

function notFound(personaFound: boolean, id: string): HttpError {
  return new HttpError(400, personaFound ? NOT_FOUND : `Persona not found on ProofService: ${id}`)
}

function requireOwnAvatar(writer: KvWriter): void {
  let identityKey: Uint8Array | undefined
  try {
    identityKey = parseSignerKey(writer.identity, 'identity').compressed
  } catch {
    // An identity that is no key at all cannot match the avatar either.
  }
  if (identityKey === undefined || !sameBytes(identityKey, writer.avatar)) {
    throw new HttpError(400, "Identity and persona not match when 'platform' is 'nextid' .")
  }
}

// Both are 33-byte compressed keys, the avatar's canonical form.
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index])
}

type BindingList = { platform: string; identity: string }[]

/** The avatar's bindings, page by page (`platform=nextid&exact=true`, §4.6, §10). */
async function* bindingsOf(client: ProofServiceClient, id: string): AsyncGenerator<BindingList, void, undefined> {
  let page = 1
  for (let fetched = 0; fetched < MAX_PAGES; fetched++) {
    const { pagination, ids } = await askProofService(() =>
      client.queryProofs({ platform: 'nextid', identity: id, exact: true, ...(page > 1 ? { page } : {}) }),
    )
    for (const entry of ids) if (entry.avatar === id) yield entry.proofs
    if (pagination.next <= page) return
    page = pagination.next
  }
}

function isSameIdentity(platform: Platform, stored: string, normalized: string): boolean {
  try {
    return normalizeIdentity(platform, stored) === normalized
  } catch {
    return false
  }
}

async function askProofService<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request()
  } catch (error) {
    if (error instanceof NetworkError || error instanceof TimeoutError) {
      throw new HttpError(503, 'ProofService error: unreachable')
    }
    if (error instanceof ServiceError) {
      throw new HttpError(502, `ProofService error: answered ${error.status}: ${error.serviceMessage}`)
    }
    if (error instanceof InvalidResponseError) throw new HttpError(502, `ProofService error: ${error.message}`)
    throw error
  }
}
