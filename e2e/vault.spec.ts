/**
 * The vault in the background service worker, driven through chrome.runtime.sendMessage from an
 * extension page: onboarding, one password, lock/unlock, restart through CDP, the absolute
 * deadline, sender checks, no key material in replies, and bindings from a local ProofService.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { PhraseDraft, WalletState } from '../extension/messaging/catalogue.js'
import { loadConfig } from '../server/config.js'
import { startServer } from '../server/start-server.js'
import { addressOf, encodeBase64, getPublicKey, hexToBytes, parsePublicKey } from '../src/crypto/index.js'
import { expect, test } from './fixtures.js'
import { bindWallet, call, ok, openExtensionPage, stopServiceWorker, WALLET_KEY } from './vault-helpers.js'

const PASSWORD = 'e2e vault password'
const ABANDON = `${'abandon '.repeat(11)}about`
const ABANDON_ADDRESS = '0x9858effd232b4033e47d90003d41ec34ecaeda94'
const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'

type Unlocked = Extract<WalletState, { status: 'unlocked' }>

test('create with a phrase and quiz: a wrong quiz is refused, the right one stores and unlocks', async ({
  context,
  extensionId,
}) => {
  const page = await openExtensionPage(context, extensionId)
  const draft = await ok<PhraseDraft>(page, 'beginCreate', { words: 12 })
  expect(draft.phrase.split(' ')).toHaveLength(12)
  const words = draft.phrase.split(' ')
  const wrong = Object.fromEntries(draft.quizPositions.map((position) => [position, 'zoo']))
  const refused = await call(page, 'finishCreate', {
    draftId: draft.draftId,
    answers: wrong,
    name: 'A',
    password: PASSWORD,
  })
  expect(refused).toMatchObject({ ok: false, error: { code: 'QUIZ_FAILED' } })
  expect(await ok(page, 'getState')).toEqual({ status: 'empty' })
  const answers = Object.fromEntries(
    draft.quizPositions.map((position) => [position, (words[position - 1] ?? '').toUpperCase()]),
  )
  const state = await ok<Unlocked>(page, 'finishCreate', {
    draftId: draft.draftId,
    answers,
    name: 'A',
    password: PASSWORD,
  })
  expect(state).toMatchObject({ status: 'unlocked', avatars: [{ name: 'A', source: 'created' }] })
})

test('import phrase and key under one password; wrong password changes nothing; lock and unlock', async ({
  context,
  extensionId,
}) => {
  const page = await openExtensionPage(context, extensionId)
  const first = await ok<Unlocked>(page, 'importPhrase', { phrase: ABANDON, name: 'Phrase', password: PASSWORD })
  expect(addressOf(parsePublicKey(first.currentAvatarId))).toBe(ABANDON_ADDRESS)
  const second = await ok<Unlocked>(page, 'importPrivateKey', { privateKey: `0x${PRIVATE_KEY}`, name: 'Key' })
  expect(second.currentAvatarId).toBe(`0x${Buffer.from(getPublicKey(hexToBytes(PRIVATE_KEY, 'k'))).toString('hex')}`)
  expect(await call(page, 'importPhrase', { phrase: ABANDON, name: 'Again' })).toMatchObject({
    ok: false,
    error: { code: 'ALREADY_EXISTS' },
  })

  const locked = await ok<WalletState>(page, 'lock')
  expect(locked).toEqual({ status: 'locked', avatars: second.avatars })
  expect(await page.evaluate(() => chrome.storage.session.get(null))).toEqual({})
  const stored = await page.evaluate(() => chrome.storage.session.get(null))
  expect(await call(page, 'unlock', { password: 'not it' })).toEqual({
    ok: false,
    error: { code: 'WRONG_PASSWORD', message: 'wrong password' },
  })
  expect(await ok(page, 'getState')).toEqual(locked)
  expect(await page.evaluate(() => chrome.storage.session.get(null))).toEqual(stored)
  expect(await call(page, 'getBindings')).toMatchObject({ ok: false, error: { code: 'LOCKED' } })

  const unlocked = await ok<Unlocked>(page, 'unlock', { password: PASSWORD })
  expect(unlocked.avatars).toEqual(second.avatars)
  const session = await page.evaluate(() => chrome.storage.session.get(null))
  expect(Object.keys(session.unlock ?? {}).sort()).toEqual(['lockAt', 'vaultKey'])
})

test('the unlock survives a worker stop, and a deadline in the past locks on the next wake', async ({
  context,
  extensionId,
}) => {
  const page = await openExtensionPage(context, extensionId)
  await ok(page, 'updateSettings', { autoLockMinutes: 1 })
  const state = await ok<Unlocked>(page, 'importPrivateKey', {
    privateKey: PRIVATE_KEY,
    name: 'Key',
    password: PASSWORD,
  })
  expect(state.lockAt - Date.now()).toBeLessThanOrEqual(60_000)

  await stopServiceWorker(page)
  const renamed = await ok<Unlocked>(page, 'renameAvatar', { id: state.currentAvatarId, name: 'After restart' })
  expect(renamed).toMatchObject({ status: 'unlocked', lockAt: state.lockAt, avatars: [{ name: 'After restart' }] })

  // Move the absolute deadline into the past the way time would, then restart the worker.
  await page.evaluate(async () => {
    const { unlock } = await chrome.storage.session.get('unlock')
    await chrome.storage.session.set({ unlock: { ...(unlock as object), lockAt: Date.now() - 1 } })
  })
  await stopServiceWorker(page)
  expect(await ok(page, 'getState')).toMatchObject({ status: 'locked' })
  expect(await page.evaluate(() => chrome.storage.session.get(null))).toEqual({})
})

test('a web page cannot reach the popup API', async ({ context, extensionId }) => {
  await context.route('https://example.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>page</title>' }),
  )
  const web = await context.newPage()
  await web.goto('https://example.com/')
  const outcome = await web.evaluate(async (id) => {
    const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime
    if (typeof runtime?.sendMessage !== 'function') return 'no runtime messaging'
    try {
      const send = runtime.sendMessage as (id: string, message: unknown) => Promise<unknown>
      return await send(id, { channel: 'nextid-companion', api: 'popup', method: 'getState' })
    } catch (error) {
      return `refused: ${(error as Error).message}`
    }
  }, extensionId)
  expect(outcome === 'no runtime messaging' || String(outcome).startsWith('refused')).toBe(true)
})

test('no reply carries the private key, and getBindings lists a wallet bound on a local ProofService', async ({
  context,
  extensionId,
}) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nextid-vault-e2e-'))
  const server = await startServer(
    loadConfig({ PROOF_PORT: '0', KV_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
  )
  try {
    const proofServiceUrl = server.proofServiceUrl ?? ''
    const replies: unknown[] = []
    const page = await openExtensionPage(context, extensionId)
    const send = async (method: string, params?: unknown) => {
      const reply = await call(page, method, params)
      replies.push(reply)
      return reply
    }
    const imported = (await send('importPrivateKey', { privateKey: PRIVATE_KEY, name: 'Key', password: PASSWORD })) as {
      result: Unlocked
    }
    const avatar = imported.result.currentAvatarId
    await bindWallet(proofServiceUrl, PRIVATE_KEY, avatar)

    await send('updateSettings', {
      endpoints: { proofServiceUrl: `${proofServiceUrl}/`, kvServiceUrl: server.kvServiceUrl },
    })
    for (const method of ['getState', 'getSettings', 'getStatus', 'lock']) await send(method)
    await send('unlock', { password: PASSWORD })
    const bindings = await send('getBindings')
    expect(bindings).toMatchObject({
      ok: true,
      result: [{ platform: 'ethereum', identity: addressOf(getPublicKey(WALLET_KEY)), isValid: true, isStale: false }],
    })
    const text = JSON.stringify(replies).toLowerCase()
    expect(text).not.toContain(PRIVATE_KEY)
    expect(text).not.toContain(encodeBase64(hexToBytes(PRIVATE_KEY, 'k')).toLowerCase())
  } finally {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
