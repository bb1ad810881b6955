/**
 * Whole bindings through the core's own typed client (src/client), which checks every response
 * field: create → query → exists → chain → revoke, for Ethereum (real wallet and avatar
 * signatures) and Solana (ed25519 by node:crypto), with the chain verified by src/verify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createProofServiceClient, type ProofServiceClient } from '../../src/client/index.js'
import { signPersonalMessage, toChecksumAddress } from '../../src/crypto/index.js'
import { verifyProofChain } from '../../src/verify/index.js'
import {
  AVATAR,
  AVATAR_KEY,
  signBase64,
  solanaWallet,
  WALLET_ADDRESS,
  WALLET_KEY,
} from '../../test/support/server/proof-service/test-keys.js'
import {
  openTestProofService,
  type TestProofService,
} from '../../test/support/server/proof-service/test-proof-service.js'

const SOLANA = solanaWallet(7)

const WALLETS = [
  {
    platform: 'ethereum' as const,
    // Sent checksum-cased; stored and shown lowercase (§6.4).
    sent: toChecksumAddress(WALLET_ADDRESS),
    stored: WALLET_ADDRESS,
    altId: WALLET_ADDRESS,
    walletSign: (payload: string) => signBase64(payload, WALLET_KEY),
    walletLinkBytes: 65,
  },
  {
    platform: 'solana' as const,
    sent: SOLANA.address,
    stored: SOLANA.address,
    altId: '',
    walletSign: SOLANA.sign,
    walletLinkBytes: 64,
  },
]

describe.each(WALLETS)('$platform binding lifecycle', (wallet) => {
  let service: TestProofService
  let client: ProofServiceClient
  beforeAll(async () => {
    service = await openTestProofService()
    client = createProofServiceClient({
      baseUrl: 'http://proof-service.test',
      fetch: (url, init) => Promise.resolve(service.app.request(url, init)),
    })
  }, 60_000)
  afterAll(() => service?.dispose(), 60_000)

  const bind = async (action: 'create' | 'delete', walletOnly = false) => {
    const payload = await client.createPayload({
      action,
      platform: wallet.platform,
      identity: wallet.sent,
      publicKey: AVATAR,
    })
    const submission = {
      action,
      platform: wallet.platform,
      identity: wallet.sent,
      public_key: AVATAR,
      uuid: payload.uuid,
      created_at: payload.createdAt,
      extra: walletOnly
        ? { wallet_signature: wallet.walletSign(payload.signPayload) }
        : {
            signature: signBase64(payload.signPayload, AVATAR_KEY),
            wallet_signature: wallet.walletSign(payload.signPayload),
          },
    }
    return { payload, res: await service.call('POST', '/v1/proof', submission) }
  }

  it('creates the binding with the typed client', async () => {
    const payload = await client.createPayload({
      action: 'create',
      platform: wallet.platform,
      identity: wallet.sent,
      publicKey: AVATAR,
    })
    expect(JSON.parse(payload.signPayload)).toMatchObject({ identity: wallet.stored, persona: AVATAR, prev: null })
    await client.submitProof({
      action: 'create',
      platform: wallet.platform,
      identity: wallet.sent,
      publicKey: AVATAR,
      uuid: payload.uuid,
      createdAt: payload.createdAt,
      signature: signPersonalMessage(payload.signPayload, AVATAR_KEY),
      walletSignature: wallet.walletSign(payload.signPayload),
    })
  })

  it('finds it by identity and by avatar, with the avatar activated at its link time', async () => {
    const page = await client.queryProofs({ platform: wallet.platform, identity: wallet.sent })
    expect(page.pagination).toEqual({ total: 1, per: 40, current: 1, next: 0 })
    const [chain] = (await client.getProofChain({ avatar: AVATAR })).proofChain
    expect(page.ids).toEqual([
      {
        avatar: AVATAR,
        alias: [],
        lastArweaveId: '',
        activatedAt: chain?.createdAt,
        proofs: [
          {
            platform: wallet.platform,
            identity: wallet.stored,
            altId: wallet.altId,
            createdAt: expect.stringMatching(/^\d+$/),
            lastCheckedAt: expect.stringMatching(/^\d+$/),
            isValid: true,
            invalidReason: '',
          },
        ],
      },
    ])
    expect((await client.queryAvatarBindings(AVATAR))?.proofs.map((proof) => proof.identity)).toEqual([wallet.stored])
    expect(
      await client.proofExists({ platform: wallet.platform, identity: wallet.sent, publicKey: AVATAR }),
    ).toMatchObject({
      isValid: true,
      invalidReason: '',
    })
  })

  it('revokes with the avatar signature, then with the wallet alone after a re-bind; the chain verifies', async () => {
    expect((await bind('delete')).res.status).toBe(201)
    expect(await client.proofExists({ platform: wallet.platform, identity: wallet.sent, publicKey: AVATAR })).toBeNull()
    expect((await client.queryProofs({ platform: wallet.platform, identity: wallet.sent })).ids).toEqual([])
    expect((await bind('create')).res.status).toBe(201)
    const walletRevoke = await bind('delete', true)
    expect(walletRevoke.res.status).toBe(201)
    expect(await client.queryAvatarBindings(AVATAR)).toBeNull()

    const links = (await client.getProofChain({ avatar: AVATAR })).proofChain
    expect(links.map((link) => link.action)).toEqual(['create', 'delete', 'create', 'delete'])
    const verification = verifyProofChain(AVATAR, links)
    expect(verification.valid).toBe(true)
    // A delete carrying both signatures keeps the wallet's, as the reference does (§6.4 (a)).
    expect(verification.links.map((link) => link.signer)).toEqual(['avatar', 'wallet', 'avatar', 'wallet'])
    expect(Buffer.from(links[3]?.signature ?? '', 'base64')).toHaveLength(wallet.walletLinkBytes)

    const changes = await client.getProofChainChanges({ lastId: 0, count: 100 })
    expect(changes.map((change) => [change.avatar, change.action])).toEqual(links.map((link) => [AVATAR, link.action]))
  })

  it('refuses a wallet’s delete of a binding the avatar does not hold; the chain stays as it was', async () => {
    const before = (await client.getProofChain({ avatar: AVATAR })).proofChain
    const refused = await bind('delete', true)
    expect(refused.res).toEqual({
      status: 400,
      json: { message: 'a wallet may only revoke a binding this avatar holds' },
    })
    expect((await client.getProofChain({ avatar: AVATAR })).proofChain).toEqual(before)
  })
})
