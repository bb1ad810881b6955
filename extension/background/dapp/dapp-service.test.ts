/** The dApp pipeline over the real vault (minimum PBKDF2 count), permissions and approval queue. */
import { verifyMessage } from 'viem'
import { describe, expect, it } from 'vitest'
import { MIN_PBKDF2_ITERATIONS } from '../../../src/vault/index.js'
import { createAwaitingRequests } from '../storage/awaiting-requests.js'
import { createSettingsStore } from '../storage/settings.js'
import { createMemoryStore } from '../storage/storage-ports.js'
import { avatarSecretFromPrivateKey } from '../vault/avatar-secrets.js'
import { createAvatarVault } from '../vault/avatar-vault.js'
import { createVaultSession } from '../vault/vault-session.js'
import { createApprovalHandlers } from './approval-handlers.js'
import { createApprovalQueue } from './approval-queue.js'
import { toDappError } from './dapp-error.js'
import { checkRequest, createDappService } from './dapp-service.js'
import { createSitePermissions } from './site-permissions.js'

const KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const A = 'https://a.example'
const B = 'https://b.example'

async function setup() {
  const events: [string | null, string, unknown][] = []
  const now = () => 1_700_000_000_000
  const settings = createSettingsStore(createMemoryStore())
  const approvals = createApprovalQueue({
    now,
    awaiting: createAwaitingRequests(createMemoryStore(), now),
    showWindow: () => undefined,
  })
  const records = createMemoryStore()
  const session = createVaultSession({
    records,
    session: createMemoryStore(),
    settings,
    alarm: { set: async () => undefined, clear: async () => undefined },
    now,
    vaultOptions: { iterations: MIN_PBKDF2_ITERATIONS },
    onLock: () => void approvals.rejectAll(4900, 'the wallet was locked'),
  })
  const avatars = createAvatarVault(session, { records, now, vaultOptions: { iterations: MIN_PBKDF2_ITERATIONS } })
  const permissions = createSitePermissions(createMemoryStore())
  const emit = (origin: string | null, event: string, data: unknown) => void events.push([origin, event, data])
  const service = createDappService({ session, settings, permissions, approvals, fetch: globalThis.fetch, now, emit })
  const popup = createApprovalHandlers({ session, approvals, permissions, emit })
  const call = (origin: string, method: string, params?: unknown) =>
    service
      .handle({ origin, page: { pageId: `page of ${origin}`, tabId: 1 } }, method, params)
      .catch((error: unknown) => Promise.reject(toDappError(error)))
  /** Answers the next pending request once it shows up. */
  const answer = async (approve: boolean) => {
    let [pending] = await approvals.list()
    for (let i = 0; i < 50 && !pending; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      ;[pending] = await approvals.list()
    }
    if (!pending) throw new Error('nothing pending')
    await popup.resolveApproval({ id: pending.id, approve })
    return pending
  }
  return { session, avatars, approvals, permissions, events, call, answer, popup }
}

async function unlockedSetup() {
  const env = await setup()
  const state = await env.avatars.addAvatar(
    { secret: avatarSecretFromPrivateKey(KEY), source: 'private-key', name: 'Key' },
    'password 1',
  )
  if (state.status !== 'unlocked') throw new Error('expected unlocked')
  return { ...env, avatar: state.currentAvatarId }
}

describe('dApp pipeline', () => {
  it('answers 4200 for an unknown method before anything else', async () => {
    const { call } = await setup()
    await expect(call(A, 'eth_sendTransaction', {})).rejects.toEqual({
      code: 4200,
      message: 'unsupported method eth_sendTransaction',
    })
  })

  it('answers -32602 for bad params before checking the lock, and 4100 when locked', async () => {
    const { call } = await setup()
    await expect(call(A, 'nextid_signIn', { nonce: 'x' })).rejects.toEqual({
      code: -32602,
      message: '"nonce" expected 8 to 64 letters or digits',
    })
    await expect(call(A, 'nextid_requestAvatar')).rejects.toEqual({ code: 4100, message: 'the wallet is locked' })
    await expect(call(A, 'nextid_avatar')).resolves.toBeNull()
  })

  it('checks every method’s params synchronously, without the vault (checkRequest)', () => {
    const refused = (method: string, params: unknown) => {
      try {
        checkRequest(A, method, params)
      } catch (error) {
        return toDappError(error)
      }
      return undefined
    }
    expect(refused('nextid_requestAvatar', [1])).toMatchObject({ code: -32602 })
    expect(refused('nextid_signMessage', { message: '{"action":"create"}' })).toEqual({
      code: -32602,
      message: 'refused: the message is a Next.ID proof or KV payload',
    })
    expect(refused('nextid_kvGet', { namespace: '' })).toEqual({
      code: -32602,
      message: '"namespace" expected 1 to 256 characters',
    })
    expect(refused('nextid_kvSet', JSON.parse('{"patch":{"__proto__":{"x":1}}}'))).toEqual({
      code: -32602,
      message: '"patch" must not contain the key "__proto__"',
    })
    expect(refused('nope', {})).toEqual({ code: 4200, message: 'unsupported method nope' })
    for (const [method, params] of [
      ['nextid_requestAvatar', undefined],
      ['nextid_avatar', undefined],
      ['nextid_getBindings', undefined],
      ['nextid_signIn', { nonce: 'abcdefgh' }],
      ['nextid_signMessage', { message: 'hi' }],
      ['nextid_kvGet', {}],
      ['nextid_kvSet', { patch: { a: 1 } }],
      ['nextid_disconnect', undefined],
    ] as const) {
      expect(refused(method, params), method).toBeUndefined()
    }
  })

  it('needs a connection (4100), connects on approval, and is rejected with 4001', async () => {
    const { call, answer, avatar, events } = await unlockedSetup()
    await expect(call(A, 'nextid_avatar')).resolves.toBeNull()
    await expect(call(A, 'nextid_signMessage', { message: 'hi' })).rejects.toEqual({
      code: 4100,
      message: 'not connected: call nextid_requestAvatar first',
    })
    const rejected = call(A, 'nextid_requestAvatar')
    expect(await answer(false)).toMatchObject({ origin: A, kind: 'connect', avatarId: avatar })
    await expect(rejected).rejects.toEqual({ code: 4001, message: 'the user rejected the request' })
    const approved = call(A, 'nextid_requestAvatar')
    await answer(true)
    await expect(approved).resolves.toBe(avatar)
    expect(events).toEqual([[A, 'avatarChanged', avatar]])
    // Already connected: no second prompt. Another origin is still not connected.
    await expect(call(A, 'nextid_requestAvatar')).resolves.toBe(avatar)
    await expect(call(B, 'nextid_avatar')).resolves.toBeNull()
    await expect(call(B, 'nextid_signIn', { nonce: 'abcdefgh' })).rejects.toMatchObject({ code: 4100 })
  })

  it('signs in with a message the extension builds for the requesting origin, verified by viem', async () => {
    const { call, answer, avatar } = await unlockedSetup()
    const connected = call(A, 'nextid_requestAvatar')
    await answer(true)
    await connected
    const pending = call(A, 'nextid_signIn', { nonce: 'abcdefgh1', statement: 'Welcome' })
    const shown = await answer(true)
    const result = (await pending) as {
      message: string
      signature: `0x${string}`
      address: `0x${string}`
      avatar: string
    }
    expect(result.avatar).toBe(avatar)
    expect(shown.message).toBe(result.message)
    expect(result.message.startsWith('a.example wants you to sign in with your Ethereum account:\n')).toBe(true)
    expect(await verifyMessage({ address: result.address, message: result.message, signature: result.signature })).toBe(
      true,
    )
  })

  it('never signs a Next.ID payload or another domain’s sign-in, even when connected', async () => {
    const { call, answer, approvals } = await unlockedSetup()
    const connected = call(A, 'nextid_requestAvatar')
    await answer(true)
    await connected
    await expect(
      call(A, 'nextid_signMessage', { message: '{"action":"create","platform":"twitter"}' }),
    ).rejects.toMatchObject({
      code: -32602,
    })
    await expect(
      call(A, 'nextid_signMessage', { message: 'b.example wants you to sign in with your Ethereum account:' }),
    ).rejects.toMatchObject({ code: -32602, message: 'refused: the message signs in to another domain' })
    expect(approvals.size).toBe(0)
  })

  it('disconnects from the dApp and from the popup, telling that origin only; lock rejects pending with 4900', async () => {
    const { call, answer, events, popup, session } = await unlockedSetup()
    for (const origin of [A, B]) {
      const connected = call(origin, 'nextid_requestAvatar')
      await answer(true)
      await connected
    }
    await expect(call(A, 'nextid_disconnect')).resolves.toBeNull()
    await popup.disconnectSite({ origin: B })
    expect(events.slice(2)).toEqual([
      [A, 'disconnect', { code: 4900, message: 'the site disconnected' }],
      [B, 'disconnect', { code: 4900, message: 'the user disconnected this site' }],
    ])
    await expect(popup.getConnectedSites(undefined)).resolves.toEqual([])
    await expect(popup.disconnectSite({ origin: B })).rejects.toThrow('connected site https://b.example not found')
    const waiting = call(A, 'nextid_requestAvatar')
    await new Promise((resolve) => setTimeout(resolve, 20))
    await session.lock()
    await expect(waiting).rejects.toEqual({ code: 4900, message: 'the wallet was locked' })
  })
})
