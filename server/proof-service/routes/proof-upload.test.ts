import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addressOf, decodeBase64, encodeBase64, getPublicKey } from '../../../src/crypto/index.js'
import {
  type BindingSpec,
  requestPayload,
  submissionBody,
  submitBinding,
} from '../../../test/support/server/proof-service/test-bindings.js'
import {
  AVATAR,
  AVATAR_KEY,
  OTHER_AVATAR_KEY,
  signBase64,
  WALLET_ADDRESS,
  WALLET_KEY,
} from '../../../test/support/server/proof-service/test-keys.js'
import {
  openTestProofService,
  type TestProofService,
} from '../../../test/support/server/proof-service/test-proof-service.js'
import { TEST_AVATAR_UNCOMPRESSED } from '../../../test/support/src/protocol/test-keys.js'
import { STALE_CHAIN_MESSAGE } from '../append-chain-link.js'

// Each test binds its own wallet, so tests do not depend on each other's chain state.
let walletSeed = 0x40
const newWallet = () => {
  walletSeed += 1
  const key = new Uint8Array(32).fill(walletSeed)
  return { key, spec: (action: 'create' | 'delete' = 'create') => ethereumSpec(key, action) }
}

function ethereumSpec(walletKey: Uint8Array, action: 'create' | 'delete' = 'create'): BindingSpec {
  const address = addressOfKey(walletKey)
  return {
    action,
    platform: 'ethereum',
    identity: address,
    extra: (signPayload) => ({
      signature: signBase64(signPayload, AVATAR_KEY),
      wallet_signature: signBase64(signPayload, walletKey),
    }),
  }
}

function addressOfKey(key: Uint8Array): string {
  return addressOf(getPublicKey(key))
}

type LinkRow = Record<string, unknown>

describe('POST /v1/proof', () => {
  let service: TestProofService
  beforeAll(async () => {
    service = await openTestProofService()
  }, 60_000)
  afterAll(() => service?.dispose(), 60_000)

  const submit = (body: unknown) => service.call('POST', '/v1/proof', body)
  const lastLink = async () =>
    (await service.db.query<LinkRow>('SELECT * FROM proof_chain ORDER BY id DESC LIMIT 1'))[0] as LinkRow

  it('binds a wallet: 201 {}, one chain link as the reference stores it, one valid proof row (§4.5, §4.8, §7.2)', async () => {
    const res = await service.app.request('/v1/proof/payload', {
      method: 'POST',
      body: JSON.stringify({ action: 'create', platform: 'ethereum', identity: WALLET_ADDRESS, public_key: AVATAR }),
    })
    const payload = await res.json()
    const signature = signBase64(payload.sign_payload, AVATAR_KEY)
    const walletSignature = signBase64(payload.sign_payload, WALLET_KEY)
    const answer = await service.app.request('/v1/proof', {
      method: 'POST',
      body: JSON.stringify({
        action: 'create',
        platform: 'ethereum',
        identity: WALLET_ADDRESS,
        public_key: TEST_AVATAR_UNCOMPRESSED,
        extra: { signature, wallet_signature: walletSignature },
        uuid: payload.uuid,
        created_at: payload.created_at,
      }),
    })
    expect(answer.status).toBe(201)
    expect(await answer.text()).toBe('{}')
    expect(await lastLink()).toMatchObject({
      avatar: AVATAR,
      action: 'create',
      platform: 'ethereum',
      identity: WALLET_ADDRESS,
      alt_id: WALLET_ADDRESS,
      location: '',
      created_at: payload.created_at,
      signature,
      signature_payload: payload.sign_payload,
      extra: { wallet_signature: walletSignature },
      uuid: payload.uuid,
      previous_id: null,
    })
    const proofs = await service.db.query(
      'SELECT platform, identity, alt_id, is_valid, invalid_reason FROM proof WHERE avatar = $1',
      [AVATAR],
    )
    expect(proofs).toEqual([
      { platform: 'ethereum', identity: WALLET_ADDRESS, alt_id: WALLET_ADDRESS, is_valid: true, invalid_reason: '' },
    ])
  })

  it('links each new link to the head and refuses a stale payload with a clear 400 (§4.5 race, §15 #4)', async () => {
    const wallet = newWallet()
    const older = await requestPayload(service, wallet.spec())
    const newer = await requestPayload(service, wallet.spec())
    const head = await lastLink()
    expect((await submit(submissionBody(wallet.spec(), newer))).status).toBe(201)
    expect((await lastLink()).previous_id).toBe(head.id)
    expect(await submit(submissionBody(wallet.spec(), older))).toEqual({
      status: 400,
      json: { message: STALE_CHAIN_MESSAGE },
    })
    expect(STALE_CHAIN_MESSAGE.startsWith('bad signature')).toBe(true)
  })

  it('refuses to replay an accepted submission once the chain has moved on (§7.1)', async () => {
    const wallet = newWallet()
    const first = await submitBinding(service, wallet.spec())
    expect(first.status).toBe(201)
    expect(await submit(first.body)).toEqual({ status: 400, json: { message: STALE_CHAIN_MESSAGE } })
  })

  it('accepts every uuid form Go parses and stores it lowercase canonical (§4.5)', async () => {
    const forms = [
      (uuid: string) => uuid.toUpperCase(),
      (uuid: string) => `urn:uuid:${uuid}`,
      (uuid: string) => `{${uuid.toUpperCase()}}`,
      (uuid: string) => uuid.replaceAll('-', ''),
    ]
    for (const form of forms) {
      const wallet = newWallet()
      const payload = await requestPayload(service, wallet.spec())
      const res = await submit({ ...submissionBody(wallet.spec(), payload), uuid: form(payload.uuid) })
      expect(res.status).toBe(201)
      expect((await lastLink()).uuid).toBe(payload.uuid)
    }
  })

  it('reads created_at as Go does and stores it canonically as signed', async () => {
    const wallet = newWallet()
    const payload = await requestPayload(service, wallet.spec())
    const res = await submit({ ...submissionBody(wallet.spec(), payload), created_at: `+00${payload.created_at}` })
    expect(res.status).toBe(201)
    expect((await lastLink()).created_at).toBe(payload.created_at)
  })

  it('stores a signature with v = 0/1 as received (§3.4, §15 #1)', async () => {
    const wallet = newWallet()
    const spec = wallet.spec()
    const payload = await requestPayload(service, spec)
    const body = submissionBody(spec, payload) as { extra: { signature: string } }
    const bytes = decodeBase64(body.extra.signature, 'signature')
    bytes[64] = (bytes[64] as number) - 27
    const raw = encodeBase64(bytes)
    expect((await submit({ ...body, extra: { ...body.extra, signature: raw } })).status).toBe(201)
    expect((await lastLink()).signature).toBe(raw)
  })

  describe('errors', () => {
    let spec: BindingSpec
    let payload: { sign_payload: string; uuid: string; created_at: string }
    let body: Record<string, unknown> & { extra: Record<string, string> }
    beforeAll(async () => {
      spec = newWallet().spec()
      payload = await requestPayload(service, spec)
      body = submissionBody(spec, payload) as typeof body
    }, 60_000)
    const withExtra = (extra: Record<string, string>) => ({ ...body, extra: { ...body.extra, ...extra } })
    const signatureWith = (mutate: (bytes: Uint8Array) => Uint8Array) =>
      encodeBase64(mutate(decodeBase64(body.extra.signature, 'signature')))

    it.each([
      [
        'created_at as a JSON number',
        () => ({ ...body, created_at: Number(payload.created_at) }),
        'when parsing body: "created_at" expected string, got number',
      ],
      [
        'created_at not a number',
        () => ({ ...body, created_at: 'yesterday' }),
        'error when parsing created_at: yesterday not recognized',
      ],
      ['a bad uuid', () => ({ ...body, uuid: 'not-a-uuid' }), 'error when parsing uuid: not-a-uuid not recognized'],
      ['a missing uuid', () => ({ ...body, uuid: undefined }), 'error when parsing uuid:  not recognized'],
      ['no identity', () => ({ ...body, identity: '' }), 'param invalid'],
      ['a bad key', () => ({ ...body, public_key: '0x1234' }), 'public key not recognized'],
      ['an unregistered platform', () => ({ ...body, platform: 'tiktok' }), 'platform not supported: tiktok'],
      [
        'a platform without a validator here',
        () => ({ ...body, platform: 'twitter', identity: 'alice' }),
        'platform not supported: twitter',
      ],
      [
        'extra that is not an object',
        () => ({ ...body, extra: 'sig' }),
        'when parsing body: "extra" expected an object',
      ],
      [
        'a non-string signature',
        () => ({ ...body, extra: { signature: 5 } }),
        'when parsing body: "extra.signature" expected string, got number',
      ],
      [
        'no extra.signature (§15 #5)',
        () => ({ ...body, extra: { wallet_signature: body.extra.wallet_signature } }),
        'extra.signature not found',
      ],
      [
        'no wallet signature',
        () => ({ ...body, extra: { signature: body.extra.signature } }),
        'wallet_signature not found',
      ],
      [
        'a signature that is not base64',
        () => withExtra({ signature: 'not base64!' }),
        'bad signature: extra.signature is not standard base64',
      ],
      [
        'a 64-byte signature',
        () => withExtra({ signature: signatureWith((b) => b.slice(0, 64)) }),
        'Signature length invalid: 64 instead of 65',
      ],
      [
        'v = 29',
        () => withExtra({ signature: signatureWith((b) => Object.assign(b, { 64: 29 })) }),
        'Signature Recovery ID not supported',
      ],
      [
        'another avatar’s signature',
        () => withExtra({ signature: signBase64(payload.sign_payload, OTHER_AVATAR_KEY) }),
        'bad signature',
      ],
      [
        'a signature over another payload',
        () => withExtra({ signature: signBase64(`${payload.sign_payload} `, AVATAR_KEY) }),
        'bad signature',
      ],
      [
        'a created_at other than signed',
        () => ({ ...body, created_at: String(Number(payload.created_at) + 1) }),
        'bad signature',
      ],
      [
        'a wallet signature by another wallet',
        () => withExtra({ wallet_signature: signBase64(payload.sign_payload, WALLET_KEY) }),
        () => `ETH wallet signature validation failed: signed by ${WALLET_ADDRESS}, not ${spec.identity}`,
      ],
    ] as [string, () => unknown, string | (() => string)][])('400 for %s', async (_, make, message) => {
      const before = await service.db.query('SELECT count(*)::int AS n FROM proof_chain')
      const expected = typeof message === 'string' ? message : message()
      expect(await submit(make())).toEqual({ status: 400, json: { message: expected } })
      expect(await service.db.query('SELECT count(*)::int AS n FROM proof_chain')).toEqual(before)
    })

    it('still accepts the untouched submission afterwards', async () => {
      expect((await submit(body)).status).toBe(201)
    })
  })

  describe('revocation (§6.4, §7.2)', () => {
    it('deletes every proof row of the binding, whatever the location, with the avatar signature', async () => {
      const wallet = newWallet()
      expect((await submitBinding(service, wallet.spec())).status).toBe(201)
      const count = () =>
        service.db.query('SELECT count(*)::int AS n FROM proof WHERE identity = $1', [wallet.spec().identity])
      expect(await count()).toEqual([{ n: 1 }])
      const revoke = await submitBinding(service, {
        ...wallet.spec('delete'),
        extra: (signPayload) => ({ signature: signBase64(signPayload, AVATAR_KEY) }),
      })
      expect(revoke.status).toBe(201)
      expect(await count()).toEqual([{ n: 0 }])
      expect(await lastLink()).toMatchObject({
        action: 'delete',
        signature: revoke.body.extra && (revoke.body.extra as { signature: string }).signature,
        extra: { wallet_signature: '' },
      })
    })

    it('lets the wallet alone revoke; the link keeps the wallet signature', async () => {
      const wallet = newWallet()
      expect((await submitBinding(service, wallet.spec())).status).toBe(201)
      const revoke = await submitBinding(service, {
        ...wallet.spec('delete'),
        extra: (signPayload) => ({ wallet_signature: signBase64(signPayload, wallet.key) }),
      })
      expect(revoke.status).toBe(201)
      const link = await lastLink()
      expect(link.signature).toBe((revoke.body.extra as { wallet_signature: string }).wallet_signature)
      expect(link.extra).toEqual(revoke.body.extra)
    })

    it('refuses a revocation signed by neither, and a wallet revocation by another wallet', async () => {
      const wallet = newWallet()
      const none = await submitBinding(service, { ...wallet.spec('delete'), extra: () => ({}) })
      expect(none).toMatchObject({ status: 400, json: { message: 'extra.signature not found' } })
      expect((await submitBinding(service, wallet.spec())).status).toBe(201)
      const stranger = await submitBinding(service, {
        ...wallet.spec('delete'),
        extra: (signPayload) => ({ wallet_signature: signBase64(signPayload, OTHER_AVATAR_KEY) }),
      })
      expect(stranger.status).toBe(400)
      expect(stranger.json.message).toMatch(/^ETH wallet signature validation failed: signed by 0x[0-9a-f]{40}, not /)
    })

    it('appends an avatar-signed delete link even when there is nothing to delete (§7.2)', async () => {
      const wallet = newWallet()
      const before = await service.db.query('SELECT count(*)::int AS n FROM proof_chain')
      const { extra: _bothSignatures, ...avatarSigned } = wallet.spec('delete')
      expect((await submitBinding(service, avatarSigned)).status).toBe(201)
      const after = await service.db.query<{ n: number }>('SELECT count(*)::int AS n FROM proof_chain')
      expect(after[0]?.n).toBe((before[0] as { n: number }).n + 1)
    })
  })

  it('keeps one proof row when the same binding is created again, and appends a link each time (§7.2)', async () => {
    const wallet = newWallet()
    expect((await submitBinding(service, wallet.spec())).status).toBe(201)
    await service.db.query(`UPDATE proof SET is_valid = false, invalid_reason = 'gone' WHERE identity = $1`, [
      wallet.spec().identity,
    ])
    expect((await submitBinding(service, wallet.spec())).status).toBe(201)
    const rows = await service.db.query(
      'SELECT is_valid, invalid_reason, proof_chain_id::text AS link FROM proof WHERE identity = $1',
      [wallet.spec().identity],
    )
    const head = await lastLink()
    expect(rows).toEqual([{ is_valid: true, invalid_reason: '', link: head.id }])
  })
})
