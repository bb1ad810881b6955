import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toChecksumAddress } from '../../../src/crypto/index.js'
import { payloadOnlyValidator, submitBinding } from '../../../test/support/server/proof-service/test-bindings.js'
import {
  AVATAR,
  AVATAR_KEY,
  signBase64,
  WALLET_ADDRESS,
  WALLET_KEY,
} from '../../../test/support/server/proof-service/test-keys.js'
import {
  openTestProofService,
  type TestProofService,
} from '../../../test/support/server/proof-service/test-proof-service.js'
import { TEST_AVATAR_UNCOMPRESSED } from '../../../test/support/src/protocol/test-keys.js'
import { createEthereumValidator } from '../../validators/ethereum.js'
import { PlatformUnavailableError } from '../../validators/validator.js'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('POST /v1/proof/payload', () => {
  let service: TestProofService
  beforeAll(async () => {
    service = await openTestProofService({
      validators: [
        createEthereumValidator(),
        payloadOnlyValidator('twitter'),
        payloadOnlyValidator('discord'),
        payloadOnlyValidator('github'),
        payloadOnlyValidator('steam', async (identity) => {
          if (identity === 'offline') throw new PlatformUnavailableError('steam is unreachable (ECONNREFUSED)')
          return identity === 'gabe' ? '76561197960287930' : identity
        }),
        { ...payloadOnlyValidator('minds'), isConfigured: false },
      ],
    })
  }, 60_000)
  afterAll(() => service?.dispose(), 60_000)

  const payload = (body: unknown) => service.call('POST', '/v1/proof/payload', body)
  const ethereum = { action: 'create', platform: 'ethereum', identity: WALLET_ADDRESS, public_key: AVATAR }

  it('builds the ethereum payload byte for byte, with persona, a fresh v4 uuid and now as a string (§4.4, §5.2)', async () => {
    const before = Math.floor(Date.now() / 1000)
    const { status, json } = await payload({ ...ethereum, identity: toChecksumAddress(WALLET_ADDRESS) })
    const after = Math.floor(Date.now() / 1000)
    expect(status).toBe(200)
    expect(Object.keys(json)).toEqual(['post_content', 'sign_payload', 'uuid', 'created_at'])
    expect(json.uuid).toMatch(UUID_V4)
    expect(typeof json.created_at).toBe('string')
    expect(Number(json.created_at)).toBeGreaterThanOrEqual(before)
    expect(Number(json.created_at)).toBeLessThanOrEqual(after)
    expect(json.post_content).toEqual({ default: '' })
    expect(json.sign_payload).toBe(
      `{"action":"create","created_at":"${json.created_at}","identity":"${WALLET_ADDRESS}","persona":"${AVATAR}",` +
        `"platform":"ethereum","prev":null,"uuid":"${json.uuid}"}`,
    )
  })

  it('gives a new uuid each time and stores nothing', async () => {
    const first = await payload(ethereum)
    const second = await payload(ethereum)
    expect(first.json.uuid).not.toBe(second.json.uuid)
    expect(await service.db.query('SELECT count(*)::int AS n FROM proof_chain')).toEqual([{ n: 0 }])
  })

  it('accepts the avatar in uncompressed form and prints it compressed', async () => {
    const { json } = await payload({
      ...ethereum,
      public_key: TEST_AVATAR_UNCOMPRESSED.toUpperCase().replace('0X', '0x'),
    })
    expect(JSON.parse(json.sign_payload).persona).toBe(AVATAR)
  })

  it('escapes HTML characters and U+2028 as Go does, and keeps non-ASCII as UTF-8 (§3.6)', async () => {
    const { json } = await payload({
      action: 'delete',
      platform: 'discord',
      identity: 'A<b>&c\u2028Zoë#0001',
      public_key: AVATAR,
    })
    expect(json.sign_payload).toBe(
      `{"action":"delete","created_at":"${json.created_at}","identity":"A\\u003cb\\u003e\\u0026c\\u2028Zoë#0001",` +
        `"platform":"discord","prev":null,"uuid":"${json.uuid}"}`,
    )
    expect(json.post_content['en-US']).toBe(
      'Verifying my discord ID: A<b>&c\u2028Zoë#0001 on NextID. \nSig: %SIG_BASE64%',
    )
  })

  it('lowercases a twitter identity in the payload but shows it as typed in the post (§5.3, §6.2)', async () => {
    const { json } = await payload({ action: 'create', platform: 'twitter', identity: 'Alice_Ω', public_key: AVATAR })
    expect(json.sign_payload).toBe(
      `{"action":"create","created_at":"${json.created_at}","identity":"alice_ω","platform":"twitter",` +
        `"prev":null,"uuid":"${json.uuid}"}`,
    )
    expect(json.post_content).toEqual({
      default: `🎭 Verify @Alice_Ω with @NextDotID.\nSig: %SIG_BASE64%\nMisc: ${json.uuid}|${json.created_at}|`,
      en_US: `🎭 Verify @Alice_Ω with @NextDotID.\nSig: %SIG_BASE64%\nMisc: ${json.uuid}|${json.created_at}|`,
      zh_CN: `🎭 由 @NextDotID 验证 @Alice_Ω 。\nSig: %SIG_BASE64%\n其它信息: ${json.uuid}|${json.created_at}|`,
    })
  })

  it('embeds the same payload in the GitHub proof document', async () => {
    const { json } = await payload({ action: 'create', platform: 'github', identity: 'Alice', public_key: AVATAR })
    expect(JSON.parse(json.post_content.default)).toMatchObject({ persona: AVATAR, sign_payload: json.sign_payload })
  })

  it('resolves a Steam identity through the validator before building the payload (§5.2)', async () => {
    const { json } = await payload({ action: 'create', platform: 'steam', identity: 'gabe', public_key: AVATAR })
    expect(JSON.parse(json.sign_payload).identity).toBe('76561197960287930')
    const offline = await payload({ action: 'create', platform: 'steam', identity: 'offline', public_key: AVATAR })
    expect(offline).toEqual({ status: 400, json: { message: 'steam is unreachable (ECONNREFUSED)' } })
  })

  it("uses the avatar's latest link signature as prev once the chain has links", async () => {
    const created = await submitBinding(service, {
      platform: 'ethereum',
      identity: WALLET_ADDRESS,
      extra: (signPayload) => ({
        signature: signBase64(signPayload, AVATAR_KEY),
        wallet_signature: signBase64(signPayload, WALLET_KEY),
      }),
    })
    expect(created.status).toBe(201)
    const { json } = await payload(ethereum)
    const [head] = await service.db.query<{ signature: string }>(
      'SELECT signature FROM proof_chain ORDER BY id DESC LIMIT 1',
    )
    expect(head?.signature).toBe(created.body.extra && (created.body.extra as { signature: string }).signature)
    expect(json.sign_payload).toContain(`"prev":"${head?.signature}"`)
  })

  describe('errors (§4.4)', () => {
    it.each([
      ['action', { ...ethereum, action: '' }],
      ['platform', { ...ethereum, platform: undefined }],
      ['identity', { ...ethereum, identity: null }],
      ['public_key', { ...ethereum, public_key: '' }],
    ])('400 "param invalid" without %s', async (_, body) => {
      expect(await payload(body)).toEqual({ status: 400, json: { message: 'param invalid' } })
    })

    it.each([
      ['garbage', 'not a key'],
      ['bad hex', `0x02${'zz'.repeat(32)}`],
      ['64-byte X||Y', `0x${'11'.repeat(64)}`],
      ['off the curve', `0x02${'ff'.repeat(32)}`],
    ])('400 "public key not recognized" for %s', async (_, key) => {
      expect(await payload({ ...ethereum, public_key: key })).toEqual({
        status: 400,
        json: { message: 'public key not recognized' },
      })
    })

    it.each(['tiktok', 'nextid', 'minds', 'Twitter', '__proto__'])(
      '400 "unknown platform" for %s',
      async (platform) => {
        expect(await payload({ ...ethereum, platform })).toEqual({ status: 400, json: { message: 'unknown platform' } })
      },
    )

    it('400 for an action other than create or delete', async () => {
      expect(await payload({ ...ethereum, action: 'add' })).toEqual({
        status: 400,
        json: { message: '"action" expected one of create, delete, got "add"' },
      })
    })

    it('400 for an identity the platform cannot have', async () => {
      expect(await payload({ ...ethereum, identity: '0x1234' })).toEqual({
        status: 400,
        json: { message: '"identity" expected 0x and 40 hex digits' },
      })
      expect(await payload({ ...ethereum, platform: 'twitter', identity: '@alice' })).toEqual({
        status: 400,
        json: { message: '"identity" must not start with "@": drop the @ (alice, not @alice)' },
      })
    })

    it('400 "when parsing body: …" for wrong JSON types and bodies that are not objects', async () => {
      expect(await payload({ ...ethereum, identity: 5 })).toEqual({
        status: 400,
        json: { message: 'when parsing body: "identity" expected string, got number' },
      })
      expect(await payload([ethereum])).toEqual({
        status: 400,
        json: { message: 'when parsing body: expected a JSON object, got array' },
      })
      const broken = await payload('{"action":')
      expect(broken.status).toBe(400)
      expect(broken.json.message).toMatch(/^when parsing body: /)
    })
  })
})
