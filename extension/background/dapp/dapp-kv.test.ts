/**
 * A dApp's KV write against a REAL local KVService (PGlite): a lock that comes while the payload
 * is on its way (the signal tracked requests get is aborted) stops the write before it is signed
 * or submitted, and KVService keeps what it had (issue 14).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../server/config.js'
import { type ServerHandles, startServer } from '../../../server/start-server.js'
import type { FetchFunction } from '../../../src/client/index.js'
import { avatarId, getPublicKey, hexToBytes, signPersonalMessage } from '../../../src/crypto/index.js'
import { LockedError } from '../errors.js'
import { createDappKv } from './dapp-kv.js'

let server: ServerHandles
let dataDir: string
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'nextid-dapp-kv-'))
  server = await startServer(loadConfig({ PROOF_PORT: '0', KV_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }))
}, 60_000)
afterAll(async () => {
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})
const kvUrl = () => server.kvServiceUrl ?? ''
const KEY = `0x${'6e'.repeat(32)}`
const AVATAR = avatarId(getPublicKey(hexToBytes(KEY, 'key')))
const ORIGIN = 'https://dapp.example'

/** Real fetch, holding back the KV payload answer until `release`; records every request. */
function delayedPayload() {
  const seen: string[] = []
  let release: () => void = () => {}
  const held = new Promise<void>((resolve) => {
    release = resolve
  })
  const fetchThrough: FetchFunction = async (input, init) => {
    const url = new URL(String(input))
    seen.push(`${init?.method ?? 'GET'} ${url.pathname}`)
    const response = await fetch(input, init)
    if (url.pathname === '/v1/kv/payload') await held
    return response
  }
  return { seen, release, fetch: fetchThrough }
}

const sign = async (payload: string) => signPersonalMessage(payload, hexToBytes(KEY, 'key'))

describe('a dApp KV write', () => {
  it('writes when nothing stops it', async () => {
    const kv = createDappKv(kvUrl(), fetch)
    await kv.write(AVATAR, ORIGIN, { theme: 'light' }, sign, new AbortController().signal)
    expect(await kv.get(AVATAR, ORIGIN)).toEqual({ theme: 'light' })
  })

  it('stops before signing and submitting when a lock comes while the payload is on its way', async () => {
    const network = delayedPayload()
    const kv = createDappKv(kvUrl(), network.fetch)
    const lock = new AbortController()
    let signed = false
    const writing = kv.write(
      AVATAR,
      ORIGIN,
      { theme: 'dark' },
      async (payload) => {
        signed = true
        return sign(payload)
      },
      lock.signal,
    )
    await expect.poll(() => network.seen).toContain('POST /v1/kv/payload')
    lock.abort(new LockedError())
    network.release()
    await expect(writing).rejects.toThrow(LockedError)
    expect(signed).toBe(false)
    expect(network.seen).not.toContain('POST /v1/kv')
    expect(await kv.get(AVATAR, ORIGIN)).toEqual({ theme: 'light' }) // KVService unchanged
  })
})
