/**
 * An independent client: viem's local accounts bind a wallet to an avatar, query and revoke it
 * against the server started over real HTTP. viem signs the received sign_payload string as the
 * wallet; a second viem account plays the avatar key (its public key from viem's `publicKey`).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bytesToHex, type Hex, hexToBytes, recoverMessageAddress } from 'viem'
import { privateKeyToAccount, publicKeyToAddress } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_BUILD } from '../../test/support/server/test-deps.js'
import { loadConfig } from '../config.js'
import { type ServerHandles, startServer } from '../start-server.js'

// Fixed test-only keys.
const wallet = privateKeyToAccount(`0x${'5a'.repeat(32)}`)
const avatar = privateKeyToAccount(`0x${'a5'.repeat(32)}`)
const toBase64 = (signature: Hex) => Buffer.from(hexToBytes(signature)).toString('base64')
const toHex = (base64: string) => bytesToHex(new Uint8Array(Buffer.from(base64, 'base64')))

describe('an independent viem client over HTTP', () => {
  let dataDir: string
  let server: ServerHandles
  let base: string
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    return { status: res.status, json: await res.json() }
  }
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`)
    return { status: res.status, json: await res.json() }
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'nextid-viem-'))
    const config = loadConfig({
      PROOF_PORT: '0',
      KV_PORT: 'off',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
    })
    server = await startServer(config, { build: TEST_BUILD })
    base = server.proofServiceUrl as string
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
    await rm(dataDir, { recursive: true, force: true })
  }, 60_000)

  it('binds, finds, verifies and revokes an Ethereum wallet', async () => {
    expect((await get('/healthz')).json.platforms).toContain('ethereum')
    const bind = { action: 'create', platform: 'ethereum', identity: wallet.address, public_key: avatar.publicKey }
    const payload = await post('/v1/proof/payload', bind)
    expect(payload.status).toBe(200)
    const message = payload.json.sign_payload as string
    const created = await post('/v1/proof', {
      ...bind,
      uuid: payload.json.uuid,
      created_at: payload.json.created_at,
      extra: {
        signature: toBase64(await avatar.signMessage({ message })),
        wallet_signature: toBase64(await wallet.signMessage({ message })),
      },
    })
    expect(created).toEqual({ status: 201, json: {} })

    const found = await get(`/v1/proof?platform=ethereum&identity=${wallet.address}&exact=true`)
    expect(found.json.ids).toHaveLength(1)
    const avatarId = found.json.ids[0].avatar as string
    expect(found.json.ids[0].proofs).toMatchObject([{ identity: wallet.address.toLowerCase(), is_valid: true }])
    const exists = await get(
      `/v1/proof/exists?platform=ethereum&identity=${wallet.address}&public_key=${avatar.publicKey}`,
    )
    expect(exists.status).toBe(200)

    // viem checks the chain on its own: each link recovers to the avatar's address.
    const chain = await get(`/v1/proofchain?avatar=${avatarId}`)
    const [link] = chain.json.proof_chain
    expect(link.signature_payload).toBe(message)
    const signer = await recoverMessageAddress({ message: link.signature_payload, signature: toHex(link.signature) })
    expect(signer).toBe(publicKeyToAddress(avatar.publicKey))

    // The wallet alone revokes its binding.
    const revoke = { ...bind, action: 'delete' }
    const deletePayload = await post('/v1/proof/payload', revoke)
    const deleted = await post('/v1/proof', {
      ...revoke,
      uuid: deletePayload.json.uuid,
      created_at: deletePayload.json.created_at,
      extra: { wallet_signature: toBase64(await wallet.signMessage({ message: deletePayload.json.sign_payload })) },
    })
    expect(deleted).toEqual({ status: 201, json: {} })
    expect(
      (await get(`/v1/proof/exists?platform=ethereum&identity=${wallet.address}&public_key=${avatarId}`)).status,
    ).toBe(404)
    const links = (await get(`/v1/proofchain?avatar=${avatarId}`)).json.proof_chain
    expect(JSON.parse(links[1].signature_payload).prev).toBe(link.signature)
    expect(
      await recoverMessageAddress({ message: links[1].signature_payload, signature: toHex(links[1].signature) }),
    ).toBe(wallet.address)
  })
})
