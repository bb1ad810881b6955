import { describe, expect, it } from 'vitest'
import { decodeBase64, encodeBase64 } from '../../src/crypto/index.js'
import { buildProofSignPayload } from '../../src/protocol/index.js'
import {
  AVATAR,
  AVATAR_KEY,
  OTHER_AVATAR_KEY,
  signBase64,
  WALLET_ADDRESS,
  WALLET_KEY,
} from '../../test/support/server/proof-service/test-keys.js'
import { createEthereumValidator } from './ethereum.js'
import { ProofRejectedError, type ValidationRequest } from './validator.js'

const CONTEXT = {
  fetch: async () => {
    throw new Error('ethereum needs no network')
  },
  timeoutMs: 1_000,
}
const payloadFor = (action: 'create' | 'delete') =>
  buildProofSignPayload({
    action,
    platform: 'ethereum',
    identity: WALLET_ADDRESS,
    avatar: AVATAR,
    uuid: '6f3c9a4e-1b2d-4c5e-8f70-9a1b2c3d4e5f',
    createdAt: '1700000000',
    prev: null,
  })

function request(action: 'create' | 'delete', extra: Record<string, string>, avatarSigned = true): ValidationRequest {
  const signPayload = payloadFor(action)
  return {
    action,
    platform: 'ethereum',
    identity: WALLET_ADDRESS,
    avatar: AVATAR,
    proofLocation: '',
    signPayload,
    uuid: '6f3c9a4e-1b2d-4c5e-8f70-9a1b2c3d4e5f',
    createdAt: '1700000000',
    prev: null,
    avatarSignature: avatarSigned ? decodeBase64(signBase64(signPayload, AVATAR_KEY), 'signature') : undefined,
    extra,
  }
}

const validate = (req: ValidationRequest) => createEthereumValidator().validate(req, CONTEXT)
const walletSigned = (action: 'create' | 'delete', key = WALLET_KEY) => signBase64(payloadFor(action), key)
const withV = (signature: string, v: number) => {
  const bytes = decodeBase64(signature, 'signature')
  bytes[64] = v
  return encodeBase64(bytes)
}
const rejection = async (req: ValidationRequest) => {
  const error = await validate(req).catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(ProofRejectedError)
  return (error as Error).message
}

describe('ethereum validator (§6.4)', () => {
  it('is always configured: it needs no platform settings', () => {
    expect(createEthereumValidator()).toMatchObject({ platform: 'ethereum', isConfigured: true })
  })

  it('creates with the wallet and avatar signatures; the link keeps the avatar signature, alt_id the address', async () => {
    const req = request('create', { wallet_signature: walletSigned('create') })
    expect(await validate(req)).toEqual({
      identity: WALLET_ADDRESS,
      altId: WALLET_ADDRESS,
      linkSignature: encodeBase64(req.avatarSignature as Uint8Array),
    })
  })

  it('accepts a wallet signature with v = 0 or 1 as well as 27 or 28 (§3.4)', async () => {
    const signature = walletSigned('create')
    const raw = withV(signature, (decodeBase64(signature, 's')[64] as number) - 27)
    await expect(validate(request('create', { wallet_signature: raw }))).resolves.toMatchObject({
      altId: WALLET_ADDRESS,
    })
  })

  it.each([
    ['no wallet signature', {}, 'wallet_signature not found'],
    ['an empty wallet signature', { wallet_signature: '' }, 'wallet_signature not found'],
    [
      'a wallet signature that is not base64',
      { wallet_signature: 'zz' },
      'ETH wallet signature validation failed: wallet_signature is not standard base64',
    ],
    [
      'a 64-byte wallet signature',
      { wallet_signature: encodeBase64(new Uint8Array(64)) },
      'ETH wallet signature validation failed: Signature length invalid: 64 instead of 65',
    ],
  ])('rejects a create with %s', async (_, extra, message) => {
    expect(await rejection(request('create', extra))).toBe(message)
  })

  it('rejects a wallet signature with v = 29, by another wallet, or over another payload', async () => {
    expect(await rejection(request('create', { wallet_signature: withV(walletSigned('create'), 29) }))).toBe(
      'ETH wallet signature validation failed: Signature Recovery ID not supported',
    )
    expect(await rejection(request('create', { wallet_signature: walletSigned('create', OTHER_AVATAR_KEY) }))).toMatch(
      new RegExp(`^ETH wallet signature validation failed: signed by 0x[0-9a-f]{40}, not ${WALLET_ADDRESS}$`),
    )
    expect(await rejection(request('create', { wallet_signature: walletSigned('delete') }))).toMatch(
      /^ETH wallet signature validation failed: signed by/,
    )
  })

  it('rejects a create without the avatar signature', async () => {
    expect(await rejection(request('create', { wallet_signature: walletSigned('create') }, false))).toBe(
      'extra.signature not found',
    )
  })

  it('deletes with the wallet alone; the link keeps the wallet signature', async () => {
    const walletSignature = walletSigned('delete')
    expect(await validate(request('delete', { wallet_signature: walletSignature }, false))).toEqual({
      identity: WALLET_ADDRESS,
      altId: WALLET_ADDRESS,
      linkSignature: walletSignature,
    })
  })

  it('deletes with the avatar alone; the link keeps the avatar signature', async () => {
    const req = request('delete', {})
    expect((await validate(req)).linkSignature).toBe(encodeBase64(req.avatarSignature as Uint8Array))
  })

  it('refuses a delete with neither, or with a wallet signature by someone else', async () => {
    expect(await rejection(request('delete', {}, false))).toBe('extra.signature or extra.wallet_signature not found')
    expect(await rejection(request('delete', { wallet_signature: walletSigned('delete', OTHER_AVATAR_KEY) }))).toMatch(
      /^ETH wallet signature validation failed: signed by/,
    )
  })
})
