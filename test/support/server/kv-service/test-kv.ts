/**
 * Test helper: a KVService app on a real database, fixed test keys, and the client's side of a KV
 * write (payload → personal_sign with src/crypto → upload), with real secp256k1 signatures.
 */
import type { Hono } from 'hono'
import type { Database } from '../../../../server/db/database.js'
import { createKvServiceApp } from '../../../../server/kv-service/app.js'
import type { FetchFunction } from '../../../../src/client/index.js'
import {
  avatarId,
  encodeBase64,
  formatPublicKey,
  getPublicKey,
  parsePrivateKey,
  signPersonalMessage,
} from '../../../../src/crypto/index.js'
import { testDeps } from '../test-deps.js'

export const PROOF_SERVICE_URL = 'http://proof-service.test'

/** A test key pair: the private key and the public key in the forms KV uses. */
export type TestKey = { privateKey: Uint8Array; avatar: string; uncompressed: string; bare: string }

/** Key number `n` (n ≥ 1), deterministic; n = 1 is §3.7's publicly known test key. */
export function testKey(n: number): TestKey {
  const hex =
    n === 1
      ? 'b5466835b2228927d8dc1194cf8e6f52ba4b4cdb49cc954f31565d0c30fd44c8'
      : n.toString(16).padStart(8, '0').repeat(8)
  const privateKey = parsePrivateKey(hex)
  const publicKey = getPublicKey(privateKey)
  return {
    privateKey,
    avatar: avatarId(publicKey),
    uncompressed: formatPublicKey(publicKey, { compressed: false }),
    bare: formatPublicKey(publicKey, { compressed: false, prefix: false }),
  }
}

/** A KVService app on `db`; permission checks go to `proofServiceFetch` (default: nothing answers). */
export function createTestKvApp(db: Database, proofServiceFetch?: FetchFunction): Hono {
  const unreachable: FetchFunction = async () => {
    throw new TypeError('fetch failed')
  }
  return createKvServiceApp({
    ...testDeps({ db }),
    proofServiceUrl: PROOF_SERVICE_URL,
    proofServiceFetch: proofServiceFetch ?? unreachable,
  })
}

/** POSTs a JSON body given as an object or as raw text. */
export function postJson(app: Hono, path: string, body: unknown): Promise<Response> {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return Promise.resolve(
    app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text }),
  )
}

export type KvPayloadAnswer = { uuid: string; sign_payload: string; created_at: number }

/** The fields of a KV write; `patchText` is the patch as raw JSON text. */
export type KvWrite = { key: TestKey; platform: string; identity: string; patchText: string }

/** POST /v1/kv/payload for `write`; throws unless it answers 200. */
export async function requestPayload(app: Hono, write: KvWrite): Promise<KvPayloadAnswer> {
  const res = await postJson(app, '/v1/kv/payload', writeBody(write, {}))
  if (res.status !== 200) throw new Error(`payload: ${res.status} ${await res.text()}`)
  return (await res.json()) as KvPayloadAnswer
}

/** The raw body of a KV request: the write's fields plus `extra` (already JSON-encoded values). */
export function writeBody(write: KvWrite, extra: Record<string, string>): string {
  const fields = [
    `"avatar":${JSON.stringify(write.key.avatar)}`,
    `"platform":${JSON.stringify(write.platform)}`,
    `"identity":${JSON.stringify(write.identity)}`,
    ...Object.entries(extra).map(([name, json]) => `${JSON.stringify(name)}:${json}`),
    `"patch":${write.patchText}`,
  ]
  return `{${fields.join(',')}}`
}

/** Signs a payload as a wallet does (v = 27/28), or with the raw recovery id (v = 0/1). */
export function signPayload(payload: string, key: TestKey, v: 'ethereum' | 'raw' = 'ethereum'): string {
  const signature = signPersonalMessage(payload, key.privateKey)
  if (v === 'raw') signature[64] = (signature[64] as number) - 27
  return encodeBase64(signature)
}

/** POST /v1/kv with a signed answer to `payload`; `signer` defaults to the writer's own key. */
export function upload(
  app: Hono,
  write: KvWrite,
  payload: KvPayloadAnswer,
  options: { signer?: TestKey; v?: 'ethereum' | 'raw' } = {},
): Promise<Response> {
  const signature = signPayload(payload.sign_payload, options.signer ?? write.key, options.v)
  return postJson(
    app,
    '/v1/kv',
    writeBody(write, {
      uuid: JSON.stringify(payload.uuid),
      created_at: String(payload.created_at),
      signature: JSON.stringify(signature),
    }),
  )
}

/** Payload, signature and upload in one go; returns the upload's response. */
export async function writeKv(app: Hono, write: KvWrite): Promise<Response> {
  return upload(app, write, await requestPayload(app, write))
}
