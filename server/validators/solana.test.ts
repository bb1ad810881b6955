import { describe, expect, it } from 'vitest'
import { decodeBase58, decodeBase64, encodeBase64 } from '../../src/crypto/index.js'
import { buildProofSignPayload } from '../../src/protocol/index.js'
import { AVATAR, AVATAR_KEY, signBase64, solanaWallet } from '../../test/support/server/proof-service/test-keys.js'
import { createSolanaValidator } from './solana.js'
import { ProofRejectedError, type ValidationRequest } from './validator.js'

const WALLET = solanaWallet(9)
const STRANGER = solanaWallet(10)
const CONTEXT = {
  fetch: async () => {
    throw new Error('solana needs no network')
  },
  timeoutMs: 1_000,
}

function request(
  action: 'create' | 'delete',
  extra: (payload: string) => Record<string, string>,
  avatarSigned = true,
  identity = WALLET.address,
): ValidationRequest {
  const signPayload = buildProofSignPayload({
    action,
    platform: 'solana',
    identity,
    avatar: AVATAR,
    uuid: '6f3c9a4e-1b2d-4c5e-8f70-9a1b2c3d4e5f',
    createdAt: '1700000000',
    prev: null,
  })
  return {
    action,
    platform: 'solana',
    identity,
    avatar: AVATAR,
    proofLocation: '',
    signPayload,
    uuid: '6f3c9a4e-1b2d-4c5e-8f70-9a1b2c3d4e5f',
    createdAt: '1700000000',
    prev: null,
    avatarSignature: avatarSigned ? decodeBase64(signBase64(signPayload, AVATAR_KEY), 'signature') : undefined,
    extra: extra(signPayload),
  }
}

const validate = (req: ValidationRequest) => createSolanaValidator().validate(req, CONTEXT)
const rejection = async (req: ValidationRequest) => {
  const error = await validate(req).catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(ProofRejectedError)
  return (error as Error).message
}

describe('solana validator (§6.5)', () => {
  it('is always configured', () => {
    expect(createSolanaValidator()).toMatchObject({ platform: 'solana', isConfigured: true })
  })

  it('creates with a base58 ed25519 wallet signature over the raw payload and the avatar signature', async () => {
    const req = request('create', (payload) => ({ wallet_signature: WALLET.sign(payload) }))
    expect(await validate(req)).toEqual({
      identity: WALLET.address,
      altId: '',
      linkSignature: encodeBase64(req.avatarSignature as Uint8Array),
    })
  })

  it.each([
    ['no wallet signature', () => ({}), 'wallet_signature not found'],
    [
      'a wallet signature that is not base58',
      () => ({ wallet_signature: '0OIl' }),
      'Solana wallet signature validation failed: wallet_signature is not base58 of 64 bytes',
    ],
    [
      'a 65-byte wallet signature',
      () => ({ wallet_signature: '2'.repeat(90) }),
      'Solana wallet signature validation failed: wallet_signature is not base58 of 64 bytes',
    ],
    [
      "another wallet's signature",
      (payload: string) => ({ wallet_signature: STRANGER.sign(payload) }),
      `Solana wallet signature validation failed: not signed by ${WALLET.address}`,
    ],
    [
      'a signature over other bytes',
      (payload: string) => ({ wallet_signature: WALLET.sign(`${payload} `) }),
      `Solana wallet signature validation failed: not signed by ${WALLET.address}`,
    ],
  ])('rejects a create with %s', async (_, extra, message) => {
    expect(await rejection(request('create', extra))).toBe(message)
  })

  it('keeps the identity case-sensitive: the same address in another case is not the signer', async () => {
    const swapped = WALLET.address.replace(/[a-z]/, (c) => c.toUpperCase())
    const message = await rejection(
      request('create', (payload) => ({ wallet_signature: WALLET.sign(payload) }), true, swapped),
    )
    expect(message).toMatch(/^Solana wallet signature validation failed: /)
  })

  it('rejects a create without the avatar signature', async () => {
    expect(await rejection(request('create', (payload) => ({ wallet_signature: WALLET.sign(payload) }), false))).toBe(
      'extra.signature not found',
    )
  })

  it('deletes with the wallet alone, keeping its 64-byte signature; or with the avatar alone', async () => {
    const walletOnly = request('delete', (payload) => ({ wallet_signature: WALLET.sign(payload) }), false)
    const result = await validate(walletOnly)
    expect(result.linkSignature).toBe(encodeBase64(decodeBase58(walletOnly.extra.wallet_signature, 'w', 64)))
    const avatarOnly = request('delete', () => ({}))
    expect((await validate(avatarOnly)).linkSignature).toBe(encodeBase64(avatarOnly.avatarSignature as Uint8Array))
    expect(await rejection(request('delete', () => ({}), false))).toBe(
      'extra.signature or extra.wallet_signature not found',
    )
  })
})
