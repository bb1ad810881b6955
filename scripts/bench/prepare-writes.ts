/**
 * The client side of the write benchmarks, done before the timed phase (client signing is not the
 * server's cost): one avatar per request, so no two requests share a chain and nothing serializes
 * on a per-avatar lock. Payloads come from the server itself; signatures are real secp256k1
 * personal_signs by fixed benchmark keys (src/crypto), never mocked.
 */
import { addressOf, avatarId, encodeBase64, getPublicKey, signPersonalMessage } from '../../src/crypto/index.js'
import type { HttpClient } from './http-client.js'

/** A ready request: the path and the exact JSON text to POST. */
export type PreparedPost = { path: string; body: string }

/** Deterministic benchmark key `n` of `series` (never a real key). */
function benchKey(series: number, n: number): Uint8Array {
  const key = new Uint8Array(32)
  key[0] = series
  new DataView(key.buffer).setUint32(28, n + 1)
  return key
}

/** The avatar id (`0x` + compressed) of benchmark avatar `n`. */
export function benchAvatar(n: number): string {
  return avatarId(getPublicKey(benchKey(0xa0, n)))
}

/** Ethereum bindings (§6.4) of avatars `[first, first + count)`, each to its own wallet. */
export async function prepareBindings(proof: HttpClient, first: number, count: number): Promise<PreparedPost[]> {
  return mapConcurrent(range(first, count), 16, async (n) => {
    const avatarKey = benchKey(0xa0, n)
    const walletKey = benchKey(0xb0, n)
    const fields = {
      action: 'create',
      platform: 'ethereum',
      identity: addressOf(getPublicKey(walletKey)),
      public_key: avatarId(getPublicKey(avatarKey)),
    }
    const payload = await postForJson(proof, '/v1/proof/payload', JSON.stringify(fields))
    const signPayload = String(payload.sign_payload)
    const body = {
      ...fields,
      extra: {
        signature: encodeBase64(signPersonalMessage(signPayload, avatarKey)),
        wallet_signature: encodeBase64(signPersonalMessage(signPayload, walletKey)),
      },
      uuid: payload.uuid,
      created_at: payload.created_at,
    }
    return { path: '/v1/proof', body: JSON.stringify(body) }
  })
}

/** KV writes of avatars `[first, first + count)` into their own `nextid` namespace (§9.4: no ProofService call). */
export async function prepareKvWrites(kv: HttpClient, first: number, count: number): Promise<PreparedPost[]> {
  return mapConcurrent(range(first, count), 16, async (n) => {
    const avatarKey = benchKey(0xa0, n)
    const avatar = avatarId(getPublicKey(avatarKey))
    const patch = { profile: { name: `Bench ${n}`, links: [`https://example.org/${n}`] }, bench: n }
    const fields = { avatar, platform: 'nextid', identity: avatar, patch }
    const payload = await postForJson(kv, '/v1/kv/payload', JSON.stringify(fields))
    const body = {
      ...fields,
      uuid: payload.uuid,
      created_at: payload.created_at,
      signature: encodeBase64(signPersonalMessage(String(payload.sign_payload), avatarKey)),
    }
    return { path: '/v1/kv', body: JSON.stringify(body) }
  })
}

async function postForJson(client: HttpClient, path: string, body: string): Promise<Record<string, unknown>> {
  const answer = await client.postJson(path, body)
  if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}: ${answer.body.slice(0, 300)}`)
  return JSON.parse(answer.body) as Record<string, unknown>
}

function range(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, index) => first + index)
}

/** `fn` over `items`, `concurrency` at a time, results in item order. */
async function mapConcurrent<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return results
}
