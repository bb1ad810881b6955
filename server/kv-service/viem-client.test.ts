/**
 * An independent client: viem's local account signs the KV sign_payload string as received (EIP-191
 * personal_sign, v = 27/28) and the server, reached over real HTTP, accepts it.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hexToBytes } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { avatarId } from '../../src/crypto/index.js'
import { TEST_BUILD } from '../../test/support/server/test-deps.js'
import { loadConfig } from '../config.js'
import { type ServerHandles, startServer } from '../start-server.js'

// A fixed throwaway test key, never for real use.
const account = privateKeyToAccount('0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318')

describe('KVService with a viem client over HTTP', () => {
  let dataDir: string
  let server: ServerHandles
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'nextid-kv-viem-'))
    const config = loadConfig({
      PROOF_PORT: '0',
      KV_PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
    })
    server = await startServer(config, { build: TEST_BUILD })
  })
  afterAll(async () => {
    await server?.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  const post = (path: string, body: string) =>
    fetch(`${server.kvServiceUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })

  it('accepts writes viem signed over the exact sign_payload, floats and non-ASCII included', async () => {
    const avatar = account.publicKey // 0x04…, uncompressed
    const writes = [
      [
        '{"com.example":{"name":"Ålice <&>","ratio":1.0,"big":1e21}}',
        '{"com.example":{"big":1e21,"name":"Ålice <&>","ratio":1.0}}',
      ],
      ['{"com.example":{"ratio":null}}', '{"com.example":{"ratio":null}}'],
    ]
    for (const [patch, signed] of writes) {
      const head = `"avatar":"${avatar}","platform":"nextid","identity":"${avatar}","patch":${patch}`
      const payloadRes = await post('/v1/kv/payload', `{${head}}`)
      expect(payloadRes.status).toBe(200)
      const payload = (await payloadRes.json()) as { uuid: string; sign_payload: string; created_at: number }
      expect(payload.sign_payload).toContain(`"patch":${signed},`)
      const signature = await account.signMessage({ message: payload.sign_payload })
      const base64 = Buffer.from(hexToBytes(signature)).toString('base64')
      const res = await post(
        '/v1/kv',
        `{${head},"uuid":"${payload.uuid}","created_at":${payload.created_at},"signature":"${base64}"}`,
      )
      expect(res.status).toBe(201)
    }
    const res = await fetch(`${server.kvServiceUrl}/v1/kv?persona=${avatar}`)
    expect(await res.text()).toBe(
      `{"persona":"${avatar}","avatar":"${avatar}","proofs":[{"platform":"nextid","identity":"${avatar}",` +
        `"content":{"com.example":{"big":1e21,"name":"Ålice <&>"}},"arweave_id":null}]}`,
    )
  })

  it("asks this process's ProofService about bindings for other platforms (§9.4)", async () => {
    const body = `{"avatar":"${account.publicKey}","platform":"github","identity":"alice","patch":{}}`
    const res = await post('/v1/kv/payload', body)
    const message = `Persona not found on ProofService: ${avatarId(account.publicKey)}`
    expect([res.status, await res.json()]).toEqual([400, { message }])
  })

  it('refuses a viem signature over a re-serialised payload (JSON.stringify(JSON.parse(…)))', async () => {
    const avatar = account.publicKey
    const head = `"avatar":"${avatar}","platform":"nextid","identity":"${avatar}","patch":{"n":1.0}`
    const payload = (await (await post('/v1/kv/payload', `{${head}}`)).json()) as {
      uuid: string
      sign_payload: string
      created_at: number
    }
    // Mask's habit (§3.6): JSON turns 1.0 into 1, so the signed bytes differ from the server's.
    const signature = await account.signMessage({ message: JSON.stringify(JSON.parse(payload.sign_payload)) })
    const base64 = Buffer.from(hexToBytes(signature)).toString('base64')
    const res = await post(
      '/v1/kv',
      `{${head},"uuid":"${payload.uuid}","created_at":${payload.created_at},"signature":"${base64}"}`,
    )
    expect([res.status, await res.json()]).toEqual([
      400,
      { message: 'Signature validation error: Public key mismatch' },
    ])
  })
})
