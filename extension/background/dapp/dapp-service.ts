/**
 * The dApp request pipeline (STYLE.md, after Rabby/MetaMask): method exists (4200) → params valid
 * (-32602) → unlocked (4100; no queueing until unlock) → connected where needed (4100) → approval
 * where needed (4001) → run. `origin` is always the browser's sender origin (port-server.ts).
 */
import type { FetchFunction } from '../../../src/client/index.js'
import { avatarAddress, bytesToHex } from '../../../src/crypto/index.js'
import { requirePlainObject } from '../../../src/input.js'
import { LockedError } from '../errors.js'
import type { SettingsStore } from '../storage/settings.js'
import { signWithAvatar } from '../vault/sign-with-avatar.js'
import type { VaultSession } from '../vault/vault-session.js'
import type { ApprovalQueue, RequestingPage } from './approval-queue.js'
import { fetchVerifiedBindings } from './dapp-bindings.js'
import { DappError, DISCONNECTED, UNAUTHORIZED, UNSUPPORTED } from './dapp-error.js'
import { createDappKv, parseKvGetRequest, parseKvSetRequest } from './dapp-kv.js'
import { requireSignableMessage } from './message-guard.js'
import { buildSignInMessage, parseSignInRequest } from './sign-in-message.js'
import type { SitePermissions } from './site-permissions.js'

/** Sends a provider event to every page of one origin (or of all origins, with null). */
export type EmitEvent = (origin: string | null, event: 'disconnect' | 'avatarChanged', data: unknown) => void

/** Who asks: the page's origin as the browser reports it (port-server.ts) and the page itself. */
export type DappCaller = { origin: string; page: RequestingPage }

export type DappServiceDeps = {
  session: VaultSession
  settings: SettingsStore
  permissions: SitePermissions
  approvals: ApprovalQueue
  fetch: FetchFunction
  now: () => number
  emit: EmitEvent
}

export const DAPP_METHODS = [
  'nextid_requestAvatar',
  'nextid_avatar',
  'nextid_getBindings',
  'nextid_signIn',
  'nextid_signMessage',
  'nextid_kvGet',
  'nextid_kvSet',
  'nextid_disconnect',
] as const

export type DappMethod = (typeof DAPP_METHODS)[number]

export type DappService = ReturnType<typeof createDappService>

/** The pipeline over the background's vault, settings, permissions and approval queue. */
export function createDappService(deps: DappServiceDeps) {
  const { session, permissions, approvals } = deps

  const requireUnlocked = async () => {
    const state = await session.state()
    if (state.status !== 'unlocked') throw new DappError(UNAUTHORIZED, 'the wallet is locked')
    return state
  }

  /** The origin's avatar; 4100 when not connected (or its avatar left the vault). */
  const requireConnected = async (origin: string): Promise<string> => {
    const state = await requireUnlocked()
    const site = await permissions.get(origin)
    if (site && state.avatars.some((avatar) => avatar.id === site.avatarId)) return site.avatarId
    throw new DappError(UNAUTHORIZED, 'not connected: call nextid_requestAvatar first')
  }

  /**
   * Runs approved work that a lock must cut (pending-requests.ts); a lock that comes meanwhile
   * answers the page 4900, as it does every request still waiting for approval.
   */
  const untilLocked = <T>(operation: (signal: AbortSignal) => Promise<T>): Promise<T> =>
    session.track(operation).catch((error: unknown) => {
      if (error instanceof LockedError) throw new DappError(DISCONNECTED, 'the wallet was locked')
      throw error
    })

  const sign = (avatar: string, text: string) =>
    untilLocked(async (signal) => {
      const vault = await session.open()
      signal.throwIfAborted()
      return `0x${bytesToHex(await signWithAvatar(vault, avatar, text))}`
    })

  const endpoints = async () => (await deps.settings.get()).endpoints

  const methods: Record<DappMethod, (caller: DappCaller, params: unknown) => Promise<unknown>> = {
    async nextid_requestAvatar({ origin, page }) {
      const state = await requireUnlocked()
      const site = await permissions.get(origin)
      if (site && state.avatars.some((avatar) => avatar.id === site.avatarId)) return site.avatarId
      const { avatarId } = await approvals.request(
        {
          origin,
          kind: 'connect',
          avatarId: state.currentAvatarId,
        },
        page,
      )
      const current = await requireUnlocked()
      if (!current.avatars.some((avatar) => avatar.id === avatarId))
        throw new DappError(UNAUTHORIZED, 'that avatar is gone')
      await permissions.grant({ origin, avatarId, grantedAt: deps.now() })
      deps.emit(origin, 'avatarChanged', avatarId)
      return avatarId
    },
    async nextid_avatar({ origin }) {
      const state = await session.state()
      const site = await permissions.get(origin)
      if (state.status !== 'unlocked' || !site) return null
      return state.avatars.some((avatar) => avatar.id === site.avatarId) ? site.avatarId : null
    },
    async nextid_getBindings({ origin }) {
      const avatar = await requireConnected(origin)
      return fetchVerifiedBindings((await endpoints()).proofServiceUrl, avatar, deps.fetch, deps.now())
    },
    async nextid_signIn({ origin, page }, params) {
      const request = parseSignInRequest(params)
      const avatar = await requireConnected(origin)
      const address = avatarAddress(avatar)
      const message = buildSignInMessage(origin, address, request, new Date(deps.now()))
      await approvals.request({ origin, kind: 'signIn', avatarId: avatar, message }, page)
      return { message, signature: await sign(avatar, message), address, avatar }
    },
    async nextid_signMessage({ origin, page }, params) {
      const message = requireSignableMessage(requirePlainObject(params, 'params').message, origin)
      const avatar = await requireConnected(origin)
      await approvals.request({ origin, kind: 'signMessage', avatarId: avatar, message }, page)
      return { message, signature: await sign(avatar, message), address: avatarAddress(avatar), avatar }
    },
    async nextid_kvGet({ origin }, params) {
      const request = parseKvGetRequest(params)
      const avatar = request.avatar ?? (await requireConnected(origin))
      return createDappKv((await endpoints()).kvServiceUrl, deps.fetch).get(avatar, request.namespace ?? origin)
    },
    async nextid_kvSet({ origin, page }, params) {
      const { patch } = parseKvSetRequest(params)
      const avatar = await requireConnected(origin)
      const kv = createDappKv((await endpoints()).kvServiceUrl, deps.fetch)
      const changes = await kv.diff(avatar, origin, patch)
      await approvals.request({ origin, kind: 'kvSet', avatarId: avatar, changes }, page)
      // A lock while the payload is on its way stops the write before it is signed or submitted.
      await untilLocked(async (signal) => {
        const vault = await session.open()
        await kv.write(avatar, origin, patch, (payload) => signWithAvatar(vault, avatar, payload), signal)
      })
      return kv.get(avatar, origin)
    },
    async nextid_disconnect({ origin }) {
      if (await permissions.revoke(origin)) deps.emit(origin, 'disconnect', disconnectEvent('the site disconnected'))
      return null
    },
  }

  return {
    check: checkRequest,
    /** Runs one request of `caller`; rejects with a DappError or an error toDappError maps. */
    handle(caller: DappCaller, method: string, params: unknown): Promise<unknown> {
      try {
        checkRequest(caller.origin, method, params)
      } catch (error) {
        return Promise.reject(error)
      }
      return methods[method as DappMethod](caller, params)
    },
    /** The page navigated, closed or dropped its Port: what it still waits for is rejected. */
    pageGone(page: RequestingPage): void {
      approvals.rejectPage(page.pageId)
    },
    /** Drops permissions of avatars no longer in the vault and tells their sites (after removal). */
    async forgetRemovedAvatars(remaining: readonly string[]): Promise<void> {
      for (const site of await permissions.list()) {
        if (remaining.includes(site.avatarId)) continue
        await permissions.revoke(site.origin)
        deps.emit(site.origin, 'disconnect', disconnectEvent('the avatar was removed'))
      }
    },
  }
}

// Each method's params check: synchronous, needing neither the vault nor the network.
const PARAM_CHECKS: Record<DappMethod, (origin: string, params: unknown) => unknown> = {
  nextid_requestAvatar: (_, params) => params === undefined || requirePlainObject(params, 'params'),
  nextid_avatar: () => undefined,
  nextid_getBindings: () => undefined,
  nextid_signIn: (_, params) => parseSignInRequest(params),
  nextid_signMessage: (origin, params) => requireSignableMessage(requirePlainObject(params, 'params').message, origin),
  nextid_kvGet: (_, params) => parseKvGetRequest(params),
  nextid_kvSet: (_, params) => parseKvSetRequest(params),
  nextid_disconnect: () => undefined,
}

/**
 * Method exists (4200) and params valid (-32602), throwing otherwise; run before the rate limit
 * and the lock check so a malformed request is refused as such even in a burst (issue 6).
 */
export function checkRequest(origin: string, method: string, params: unknown): void {
  if (!(DAPP_METHODS as readonly string[]).includes(method)) {
    throw new DappError(UNSUPPORTED, `unsupported method ${method.slice(0, 64)}`)
  }
  PARAM_CHECKS[method as DappMethod](origin, params)
}

/** The `disconnect` event's payload: a ProviderRpcError-shaped object (EIP-1193). */
export function disconnectEvent(message: string) {
  return { code: 4900, message }
}
