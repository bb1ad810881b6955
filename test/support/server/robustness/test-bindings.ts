/**
 * Test helper: performs real Ethereum bindings and KV writes through src/client against a running
 * server — the avatar and the wallets sign with real secp256k1 keys.
 */
import { createKvServiceClient, createProofServiceClient, type JsonObject } from '../../../../src/client/index.js'
import { encodeBase64 } from '../../../../src/crypto/base64.js'
import { addressOf, avatarId, getPublicKey } from '../../../../src/crypto/keys.js'
import { signPersonalMessage } from '../../../../src/crypto/personal-sign.js'

/** A deterministic secret key for test index `n` (never a real key). */
export function testKey(n: number): Uint8Array {
  const key = new Uint8Array(32)
  key[0] = 1
  new DataView(key.buffer).setUint32(28, n)
  return key
}

export function clients(proofUrl: string, kvUrl: string) {
  return {
    proof: createProofServiceClient({ baseUrl: proofUrl, fetch: globalThis.fetch, timeoutMs: 30_000 }),
    kv: createKvServiceClient({ baseUrl: kvUrl, fetch: globalThis.fetch, timeoutMs: 30_000 }),
  }
}

/** Asks for a payload binding wallet `walletKey` to the avatar, and signs it with both keys. */
export async function prepareEthereumBinding(proofUrl: string, avatarKey: Uint8Array, walletKey: Uint8Array) {
  const { proof } = clients(proofUrl, proofUrl)
  const publicKey = avatarId(getPublicKey(avatarKey))
  const identity = addressOf(getPublicKey(walletKey))
  const payload = await proof.createPayload({ action: 'create', platform: 'ethereum', identity, publicKey })
  return {
    submit: () =>
      proof.submitProof({
        action: 'create',
        platform: 'ethereum',
        identity,
        publicKey,
        uuid: payload.uuid,
        createdAt: payload.createdAt,
        signature: signPersonalMessage(payload.signPayload, avatarKey),
        walletSignature: encodeBase64(signPersonalMessage(payload.signPayload, walletKey)),
      }),
    identity,
  }
}

/** Writes `patch` into the avatar's own `nextid` KV namespace (no binding needed, §9.4). */
export async function writeKv(kvUrl: string, avatarKey: Uint8Array, patch: JsonObject) {
  const { kv } = clients(kvUrl, kvUrl)
  const avatar = avatarId(getPublicKey(avatarKey))
  const payload = await kv.createKvPayload({ avatar, platform: 'nextid', identity: avatar, patch })
  return kv.submitKv({
    avatar,
    platform: 'nextid',
    identity: avatar,
    uuid: payload.uuid,
    createdAt: payload.createdAt,
    signature: signPersonalMessage(payload.signPayload, avatarKey),
    patch,
  })
}
