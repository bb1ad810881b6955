/**
 * The popup API: one handler per PopupApi method. Message bodies are untrusted and checked here;
 * every call first enforces the auto-lock deadline (vault-session.ts).
 */
import type { FetchFunction } from '../../../src/client/index.js'
import { InvalidInputError } from '../../../src/errors.js'
import { requirePlainObject } from '../../../src/input.js'
import type { Handlers, PopupApi } from '../../messaging/catalogue.js'
import type { createApprovalHandlers } from '../dapp/approval-handlers.js'
import { NotFoundError } from '../errors.js'
import type { KvFlow } from '../kv/kv-flow.js'
import type { MaskImport } from '../mask-import/mask-import-flow.js'
import { fetchAvatarBindings } from '../proofs/avatar-bindings.js'
import { fetchBindablePlatforms } from '../proofs/bindable-platforms.js'
import { checkDnsRecord } from '../proofs/dns-check.js'
import { fetchProofChainView } from '../proofs/proof-chain-view.js'
import type { ProofFeatures } from '../proofs/proof-features.js'
import type { AwaitingRequests } from '../storage/awaiting-requests.js'
import type { SettingsStore } from '../storage/settings.js'
import { avatarSecretFromPhrase, avatarSecretFromPrivateKey } from '../vault/avatar-secrets.js'
import type { AvatarVault } from '../vault/avatar-vault.js'
import type { BackupFlow } from '../vault/backup-flow.js'
import type { PhraseDrafts } from '../vault/phrase-drafts.js'
import type { VaultSession } from '../vault/vault-session.js'

export type PopupHandlerDeps = {
  version: string
  /** When this background started (BackgroundStatus.startedAt). */
  startedAt: number
  session: VaultSession
  avatars: AvatarVault
  drafts: PhraseDrafts
  settings: SettingsStore
  /** Revoke and KV payloads waiting for confirmation (storage.session). */
  requests: AwaitingRequests
  backup: BackupFlow
  fetch: FetchFunction
  now: () => number
  /** The flow engine, the wallet flows and the prepared revoke (proofs/proof-features.ts). */
  proofs: ProofFeatures
  kv: KvFlow
  /** Import from Mask Network (issue 16). */
  mask: MaskImport
  /** The dApp side (issue 6): approval-window handlers, and what to do when avatars leave the vault. */
  dapp?: {
    handlers: ReturnType<typeof createApprovalHandlers>
    onAvatarsChanged(remainingIds: string[]): Promise<void>
  }
}

/** Builds the handlers; index.ts serves them to extension pages only. */
export function createPopupHandlers(deps: PopupHandlerDeps): Handlers<PopupApi> {
  const { session, avatars, drafts, settings, requests } = deps
  const { kv } = deps
  const { flows, wallets, revoke } = deps.proofs
  return {
    async getStatus() {
      await session.enforceDeadline()
      return { version: deps.version, ready: true as const, startedAt: deps.startedAt }
    },
    getState: () => session.state(),
    async beginCreate(params) {
      await session.enforceDeadline()
      return drafts.begin(requirePlainObject(params, 'params').words)
    },
    async finishCreate(params) {
      const { draftId, answers, name, password } = requirePlainObject(params, 'params')
      await session.enforceDeadline()
      const phrase = await drafts.confirm(draftId, answers)
      const secret = await avatarSecretFromPhrase(phrase)
      const state = await avatars.addAvatar({ secret, source: 'created', name }, password)
      await drafts.discard(String(draftId))
      return state
    },
    async importPhrase(params) {
      const { phrase, passphrase, name, password } = requirePlainObject(params, 'params')
      await session.enforceDeadline()
      const secret = await avatarSecretFromPhrase(phrase, passphrase)
      return avatars.addAvatar({ secret, source: 'phrase', name }, password)
    },
    async replaceVaultWithPhrase(params) {
      const { phrase, passphrase, name, password, replaceExisting } = requirePlainObject(params, 'params')
      if (replaceExisting !== true) throw new InvalidInputError('replaceExisting', 'must be true')
      const secret = await avatarSecretFromPhrase(phrase, passphrase)
      return avatars.replaceVault({ secret, source: 'phrase', name }, password)
    },
    async importPrivateKey(params) {
      const { privateKey, name, password } = requirePlainObject(params, 'params')
      await session.enforceDeadline()
      return avatars.addAvatar(
        { secret: avatarSecretFromPrivateKey(privateKey), source: 'private-key', name },
        password,
      )
    },
    readMaskInput: (params) => deps.mask.readMaskInput(params),
    importMaskPersonas: (params) => deps.mask.importMaskPersonas(params),
    discoverAvatar: (params) => deps.mask.discoverAvatar(params),
    async unlock(params) {
      await session.enforceDeadline()
      await session.unlock(requirePlainObject(params, 'params').password)
      // A flow whose chain moved while locked can sign its fresh payload now.
      void flows.resumeDue().catch(() => undefined)
      return session.state()
    },
    async lock() {
      await session.lock()
      return session.state()
    },
    async selectAvatar(params) {
      return avatars.selectAvatar(requirePlainObject(params, 'params').id)
    },
    async renameAvatar(params) {
      const { id, name } = requirePlainObject(params, 'params')
      return avatars.renameAvatar(id, name)
    },
    async removeAvatar(params) {
      const state = await avatars.removeAvatar(params)
      // Sites connected to the removed avatar lose their permission and hear `disconnect`.
      await deps.dapp?.onAvatarsChanged(state.status === 'empty' ? [] : state.avatars.map((avatar) => avatar.id))
      return state
    },
    revealSecret: (params) => avatars.revealSecret(params),
    async getSettings() {
      await session.enforceDeadline()
      return settings.get()
    },
    async updateSettings(params) {
      await session.enforceDeadline()
      return settings.update(params)
    },
    getBindings: () =>
      session.track(async () => {
        const { record } = await session.open()
        const { endpoints } = await settings.get()
        return fetchAvatarBindings(endpoints.proofServiceUrl, record.currentAvatarId, deps.fetch, deps.now())
      }),
    getProofChain: () =>
      session.track(async () => {
        const { record } = await session.open()
        const { endpoints } = await settings.get()
        return fetchProofChainView(endpoints.proofServiceUrl, record.currentAvatarId, deps.fetch)
      }),
    prepareRevoke: (params) => revoke.prepareRevoke(params),
    confirmRevoke: (params) => revoke.confirmRevoke(params),
    async cancelRequest(params) {
      await session.enforceDeadline()
      await requests.remove(requirePlainObject(params, 'params').requestId)
      return undefined
    },
    getKv: () => kv.getKv(),
    prepareKvPatch: (params) => kv.prepareKvPatch(params),
    confirmKvPatch: (params) => kv.confirmKvPatch(params),
    exportBackup: (params) => deps.backup.exportBackup(params),
    importBackup: (params) => deps.backup.importBackup(params),
    mergeBackup: (params) => deps.backup.mergeBackup(params),
    startBinding: (params) => flows.startBinding(params),
    getFlows: () => flows.getFlows(),
    submitBinding: (params) => flows.submitBinding(params),
    clearFlow: (params) => flows.clearFlow(params),
    checkFlowNow: (params) => flows.checkFlowNow(params),
    restartFlow: (params) => flows.restartFlow(params),
    async checkDnsRecord(params) {
      await session.enforceDeadline()
      const { flowId } = requirePlainObject(params, 'params')
      const flow = (await flows.getFlows()).find((each) => each.id === flowId)
      if (flow?.kind !== 'post' || flow.platform !== 'dns') throw new NotFoundError('DNS binding flow')
      const { dnsResolverUrl } = await settings.get()
      return checkDnsRecord(dnsResolverUrl, flow.identity, flow.postText, deps.fetch)
    },
    // popup flow UI
    async getPlatforms() {
      await session.enforceDeadline()
      return fetchBindablePlatforms((await settings.get()).endpoints.proofServiceUrl, deps.fetch)
    },
    startRevokeFlow: (params) => flows.startRevokeFlow(params),
    // wallet flows
    findWallets: () => wallets.findWallets(),
    connectWallet: (params) => wallets.connectWallet(params),
    confirmWalletBinding: (params) => wallets.confirmWalletBinding(params),
    retryWalletBinding: (params) => wallets.retryWalletBinding(params),
    confirmRevokeWithWallet: (params) => revoke.confirmRevokeWithWallet(params),
    ...(deps.dapp?.handlers ?? withoutDapp),
  }
}

/** Without a dApp side (unit tests of the wallet alone): nothing pending, nothing connected. */
const withoutDapp = {
  getPendingApprovals: async () => [],
  resolveApproval: async () => {
    throw new NotFoundError('approval request')
  },
  rejectAllFromOrigin: async () => undefined,
  getConnectedSites: async () => [],
  disconnectSite: async () => {
    throw new NotFoundError('connected site')
  },
} satisfies ReturnType<typeof createApprovalHandlers>
