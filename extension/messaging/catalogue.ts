/**
 * The typed message catalogue: one API per kind of caller. A method has the same name at both
 * ends; handlers are checked against these types with `satisfies Handlers<…>`. Nothing here ever
 * carries a private key: the background keeps keys; the popup sees public data, a recovery phrase
 * only while it is being written down at creation, and a phrase or key again only after the
 * password is confirmed (revealSecret).
 */
import type { MaskTextFormat } from '../../src/mask-import/index.js'
import type { FlowStatus } from './flow-status.js'

export type { FlowStatus } from './flow-status.js'

export type BackgroundStatus = {
  version: string
  ready: true
  /**
   * Unix milliseconds when this background started: it changes whenever the browser stopped an idle
   * service worker (Chrome) or suspended the event page (Firefox) and a new one woke.
   */
  startedAt: number
}

/** How an avatar's secret came to the vault. */
export type AvatarSource = 'created' | 'phrase' | 'private-key'

/** Public facts about one avatar; shown even while locked. */
export type AvatarSummary = {
  /** `0x` + compressed lowercase hex: the avatar's public key, its id everywhere. */
  id: string
  name: string
  source: AvatarSource
  /** Unix milliseconds. */
  addedAt: number
}

export type WalletState =
  /** No vault yet: onboarding. */
  | { status: 'empty' }
  | { status: 'locked'; avatars: AvatarSummary[] }
  | {
      status: 'unlocked'
      avatars: AvatarSummary[]
      currentAvatarId: string
      /** Unix milliseconds of the absolute auto-lock deadline. */
      lockAt: number
    }

export type ServiceEndpoints = { proofServiceUrl: string; kvServiceUrl: string }

export type Settings = {
  endpoints: ServiceEndpoints
  /** Minutes from unlock to the absolute auto-lock deadline (1–1440; default 15). */
  autoLockMinutes: number
  /** The DNS-over-HTTPS JSON resolver "Check DNS now" asks (default Cloudflare's, which Next.ID reads). */
  dnsResolverUrl: string
}

/** One binding as ProofService reports it, with how fresh that report is (§4.6, §7.3). */
export type Binding = {
  platform: string
  identity: string
  altId: string
  isValid: boolean
  invalidReason: string
  /** Unix seconds. */
  createdAt: number
  lastCheckedAt: number
  /** Older than the service's 3-day re-check period. */
  isStale: boolean
}

/** A recovery phrase waiting to be confirmed; `quizPositions` are 1-based word positions to ask for. */
export type PhraseDraft = { draftId: string; phrase: string; quizPositions: number[] }

/** One link of the current avatar's proof chain as the service stores it, with its verification. */
export type ChainLinkView = {
  action: string
  platform: string
  identity: string
  proofLocation: string
  /** Unix seconds. */
  createdAt: number
  /** 'verified' | 'signature-mismatch' | 'broken-link' | 'payload-mismatch' | 'malformed' (src/verify). */
  status: string
  signer?: 'avatar' | 'wallet'
  reason: string
  /** What the signed payload says (src/protocol describeProofPayload), or null when it cannot be read. */
  payload: ProofPayloadFacts | null
}

export type ProofChainView = { valid: boolean; links: ChainLinkView[] }

/**
 * What a ProofService sign payload does, read from the payload itself in the background; the
 * popup says it in the user's language. `avatar` is null where the payload does not name one.
 */
export type ProofPayloadFacts = {
  action: 'create' | 'delete'
  platform: string
  identity: string
  avatar: string | null
}

/**
 * A payload prepared in the background and waiting for the user's confirmation; confirmed or
 * cancelled by `requestId` only. `payload` is what signing it does.
 */
export type PreparedSignature = { requestId: string; payload: ProofPayloadFacts; signPayload: string }

/** One change a KV patch makes (src/protocol diffMergePatch). */
export type KvChange = { path: string[]; kind: 'added' | 'changed' | 'deleted'; before?: unknown; after?: unknown }

export type KvNamespace = { platform: string; identity: string; content: unknown }

/**
 * A prepared KV patch. `wholeContent`: a patch that is not an object replaces the namespace's whole
 * content (§9.3) — `deletes` for null, `replaces` otherwise — and confirming it needs `replaceWhole`.
 */
export type PreparedKvPatch = {
  requestId: string
  signPayload: string
  changes: KvChange[]
  wholeContent: WholeContentEffect
}

export type WholeContentEffect = 'deletes' | 'replaces' | null

/** What a web page asked for that needs the user's approval (dApp API, issue 6). */
export type DappRequestKind = 'connect' | 'signIn' | 'signMessage' | 'kvSet'

/**
 * One request waiting in the approval window. The origin comes from the browser's sender
 * information, never from the page's message. Resolved by `id` only.
 */
export type PendingApproval = {
  id: string
  /** The requesting page's origin, e.g. `https://app.example`. */
  origin: string
  kind: DappRequestKind
  /** Unix milliseconds. */
  requestedAt: number
  /** connect: the avatar the user will share (changeable); others: the connected avatar. */
  avatarId: string
  /** signIn / signMessage: the exact text that will be signed. */
  message?: string
  /** kvSet: the namespace (the origin) and what the patch changes. */
  changes?: KvChange[]
}

/** A site the user connected an avatar to. */
export type ConnectedSite = { origin: string; avatarId: string; grantedAt: number }

/** What adding a backup file's avatars to the vault did (mergeBackup); the vault's settings stay as they are. */
export type BackupMerge = {
  state: WalletState
  /** The backup's avatars now in the vault, under the names the backup gives them. */
  added: { id: string; name: string }[]
  /** The backup's avatars the vault already held: not added again; `inVaultAs` is their name here. */
  alreadyPresent: { id: string; name: string; inVaultAs: string }[]
  /** Origins of the backup's connected sites taken for the added avatars. */
  sitesAdded: string[]
}

/**
 * Where a binding flow stands (issue 5): payload → sign → publish → submit → done, or failed.
 * Wallet flows (Ethereum, Solana) start with `confirm-wallet` (the user checks the address the page's
 * wallet gave) and `wallet-sign` (the wallet signs the same payload) instead of `publish`.
 */
export type PostFlowStep = 'publish' | 'submit' | 'done' | 'failed'
export type WalletFlowStep = 'confirm-wallet' | 'wallet-sign' | 'submit' | 'done' | 'failed'
/** A revoke the user confirmed is signed at once: it only waits for the service. */
export type RevokeFlowStep = 'submit' | 'done' | 'failed'
export type FlowStep = PostFlowStep | WalletFlowStep | RevokeFlowStep

/** The wallet of a wallet flow: what the page announced (EIP-6963) and the account it gave. */
export type FlowWallet = {
  /** EIP-6963 `info.name` (or "Browser wallet" for a bare window.ethereum). */
  name: string
  /** EIP-6963 `info.icon`, a data: URI, or ''. */
  icon: string
  rdns: string
  /** The account: Ethereum EIP-55 checksummed, Solana base58 as the wallet gave it. */
  address: string
  /** The page whose wallet it is (from the browser, never from the page). */
  origin: string
}

/** What every kind of flow has: what it binds and how its checking goes. */
type FlowProgress = {
  id: string
  platform: string
  identity: string
  avatarId: string
  /** Submission attempts so far; the next one is due at `nextAttemptAt` (unix ms). */
  attempts: number
  nextAttemptAt: number | null
  /** Unix ms until which the background keeps checking (the platform's patience), or null before submitting. */
  checkUntil: number | null
  /** Why the flow waits or failed, as a code the UI words; null while nothing needs saying. */
  status: FlowStatus | null
  createdAt: number
  updatedAt: number
}

/** A binding (or a revoke, §7.2) proven by a proof the user publishes: a post, a gist, a TXT record, … */
export type PostBindingFlow = FlowProgress & {
  kind: 'post'
  /** `delete` revokes on a platform whose service wants a new post signed over the delete payload (§7.2). */
  action: 'create' | 'delete'
  step: PostFlowStep
  /** What to publish (post text, TXT record, file content), with the signature filled in. */
  postText: string
  /** A page that starts publishing (X's compose intent, a new gist), or '' when there is none. */
  publishUrl: string
  /** True when the platform needs a proof location (tweet id, gist id, message link, …). */
  needsProofLocation: boolean
  proofLocation: string
}

/** A binding proven by a wallet's own signature over the payload (§6.4, §6.5): nothing is published. */
export type WalletBindingFlow = FlowProgress & {
  kind: 'wallet'
  action: 'create'
  step: WalletFlowStep
  wallet: FlowWallet
}

/**
 * A revoke the user confirmed (§7.2), signed by the avatar or by the bound wallet (§6.4 delete (a),
 * §6.5): it waits out a service that is down, and a moved chain gets a fresh delete payload signed
 * by the avatar (the user asked for exactly this revoke; a wallet must sign again itself).
 */
export type RevokeBindingFlow = FlowProgress & {
  kind: 'revoke'
  action: 'delete'
  step: RevokeFlowStep
  signer: 'avatar' | 'wallet'
}

/**
 * A binding (or revoke) in progress, persisted at every step so a closed popup or a restarted
 * service worker resumes it. Only public data: a post flow's signature is in its `postText`.
 */
export type BindingFlow = PostBindingFlow | WalletBindingFlow | RevokeBindingFlow

/**
 * A DNS binding's domain as a public DNS-over-HTTPS resolver shows it now: the flow's record
 * `found`, `not-yet` there (with the TXT records that are), `no-domain` (NXDOMAIN), or the lookup
 * failed with a DNS response code. `olderProofs` counts Next.ID records of other attempts.
 */
export type DnsCheck = {
  resolver: string
  domain: string
  outcome: 'found' | 'not-yet' | 'no-domain' | 'lookup-failed'
  rcode?: number
  records: string[]
  olderProofs: number
}

/** A platform the user can bind: by a published proof ('post') or by a wallet's signature ('wallet', the bind-wallet screen). */
export type BindablePlatform = { platform: string; kind: 'post' | 'wallet' }

/**
 * What the user gives "Import from Mask Network" (issue 16): pasted text, or a file's bytes as
 * standard base64 (messages are JSON) with its media type, so an image is read for its QR code.
 */
export type MaskInput = { text: string } | { fileBase64: string; mediaType: string }

/** What the input was (src/mask-import), for the screen to name. */
export type MaskFormat = MaskTextFormat | 'encrypted-backup'

/** One persona found, public facts only: its avatar id, Mask nickname, and whether the vault has it already. */
export type MaskPersonaFound = {
  id: string
  nickname: string | null
  /** The name of the avatar already in the vault with this key, or null. */
  inVaultAs: string | null
  /** Its phrase was made with a BIP-39 passphrase: the key is imported, the words alone would give another one. */
  phraseHadPassphrase: boolean
}

export type MaskReading =
  /** An encrypted backup: ask for the password (and the account, for a Mask-cloud backup). */
  | { kind: 'needs-password'; iterations: number }
  | {
      kind: 'found'
      /** Names this reading for importMaskPersonas; the keys stay in the background. */
      readingId: string
      format: MaskFormat
      personas: MaskPersonaFound[]
      skippedContacts: number
      /** For an encrypted backup: the account put in front of the password, '' for the password alone. */
      openedWith: string | null
    }

/** The storage.session key where the background puts MaskImportProgress while a backup opens; the popup listens to it. */
export const MASK_IMPORT_PROGRESS_KEY = 'maskImportProgress'

/** Where opening an encrypted backup stands (pushed to the popup through storage.session). */
export type MaskImportProgress = { attempt: number; attempts: number; estimatedMs: number; startedAt: number }

/** What became of one persona the user chose. */
export type MaskImportOutcome = {
  id: string
  name: string
  outcome: 'imported' | 'already-in-vault'
  inVaultAs?: string
}

/** One service's answer, or the code of why it gave none (one service down must not hide the other's). */
export type Discovered<T> = { ok: true; value: T } | { ok: false; code: string }

/** Bindings (ProofService) and KV namespaces (KVService) of one avatar, found again after an import. */
export type AvatarDiscovery = { bindings: Discovered<Binding[]>; kv: Discovered<KvNamespace[]> }

/**
 * Methods the popup (and the full-tab page) may call on the background service worker.
 * `password` is needed to create the vault (first avatar) and is ignored afterwards while
 * unlocked: later avatars join the vault under the same password.
 */
export type PopupApi = {
  getStatus: { params: undefined; result: BackgroundStatus }
  getState: { params: undefined; result: WalletState }
  /** Generates a phrase (12 or 24 words) held in the background until finishCreate or 10 minutes pass. */
  beginCreate: { params: { words: 12 | 24 }; result: PhraseDraft }
  /** Checks the quiz answers (word per asked position), then stores the avatar and unlocks. */
  finishCreate: {
    params: { draftId: string; answers: Record<number, string>; name: string; password?: string }
    result: WalletState
  }
  importPhrase: {
    params: { phrase: string; passphrase?: string; name: string; password?: string }
    result: WalletState
  }
  importPrivateKey: { params: { privateKey: string; name: string; password?: string }; result: WalletState }
  /**
   * Forgot password: a new vault holding the phrase's avatar under a new password, in place of the
   * vault there is (its other avatars are gone unless restored too); `replaceExisting` says so.
   */
  replaceVaultWithPhrase: {
    params: { phrase: string; passphrase?: string; name: string; password: string; replaceExisting: true }
    result: WalletState
  }
  unlock: { params: { password: string }; result: WalletState }
  /**
   * Recognises what the user brought from Mask Network and reads its personas in the background
   * (their keys never leave it). `password`/`account` open an encrypted backup; `passphrase` is a phrase's BIP-39 one.
   */
  readMaskInput: {
    params: { input: MaskInput; passphrase?: string; password?: string; account?: string }
    result: MaskReading
  }
  /** Imports the chosen personas of a reading under the names given; `password` creates the vault when there is none. */
  importMaskPersonas: {
    params: { readingId: string; avatars: { id: string; name: string }[]; password?: string }
    result: { state: WalletState; outcomes: MaskImportOutcome[] }
  }
  /** One avatar's bindings and KV data from the configured services (after an import: Mask's backups hold none). */
  discoverAvatar: { params: { id: string }; result: AvatarDiscovery }
  /** Locks now; every pending request is rejected. */
  lock: { params: undefined; result: WalletState }
  selectAvatar: { params: { id: string }; result: WalletState }
  renameAvatar: { params: { id: string; name: string }; result: WalletState }
  /** Removes an avatar after the password is confirmed. */
  removeAvatar: { params: { id: string; password: string }; result: WalletState }
  /** The phrase (or private key, for an imported key) after the password is confirmed. */
  revealSecret: { params: { id: string; password: string }; result: { kind: 'phrase' | 'private-key'; secret: string } }
  getSettings: { params: undefined; result: Settings }
  updateSettings: { params: Partial<Settings>; result: Settings }
  /** The current avatar's bindings from the configured ProofService. */
  getBindings: { params: undefined; result: Binding[] }
  /** The current avatar's proof chain, every link verified here (never trusting the service). */
  getProofChain: { params: undefined; result: ProofChainView }
  /** Asks ProofService for a delete payload; nothing is signed until confirmRevoke. */
  prepareRevoke: { params: { platform: string; identity: string }; result: PreparedSignature }
  /**
   * Signs the prepared delete payload with the avatar and hands it to the flow engine (§7.2): the
   * revoke flow after its first submission — `done`, or waiting for the service, or failed with why.
   * REVOKE_NEEDS_PROOF when the service wants a newly published proof instead (startRevokeFlow).
   */
  confirmRevoke: { params: { requestId: string }; result: RevokeBindingFlow }
  /** Drops a prepared request (revoke or KV patch). */
  cancelRequest: { params: { requestId: string }; result: undefined }
  /** Every KV namespace of the current avatar (GET /v1/kv). */
  getKv: { params: undefined; result: KvNamespace[] }
  /** Asks KVService for the payload of a merge patch and says what it changes; nothing is signed yet. */
  prepareKvPatch: { params: { platform: string; identity: string; patch: unknown }; result: PreparedKvPatch }
  /** Signs and submits a prepared KV patch; answers the namespaces as stored afterwards. */
  confirmKvPatch: { params: { requestId: string; replaceWhole?: true }; result: KvNamespace[] }
  /**
   * An encrypted backup file (the sealed vault, avatar names, settings and connected sites), after
   * the password is confirmed.
   */
  exportBackup: { params: { password: string }; result: { fileName: string; content: string } }
  /**
   * Restores a backup file with the password it was sealed under, its settings and connected sites
   * too: into an empty extension, or — the user forgot the vault's password — in place of the vault
   * there is (`replaceExisting`).
   */
  importBackup: { params: { content: string; password: string; replaceExisting?: true }; result: WalletState }
  /** Adds a backup file's avatars (opened with its own password) to the unlocked vault; those already in it are not. */
  mergeBackup: { params: { content: string; password: string }; result: BackupMerge }
  /** Every request waiting for approval, oldest first (the approval window shows them). */
  getPendingApprovals: { params: undefined; result: PendingApproval[] }
  /** Approves or rejects one request by id; `avatarId` picks the avatar to share on connect. */
  resolveApproval: { params: { id: string; approve: boolean; avatarId?: string }; result: undefined }
  /** Rejects every pending request of one origin. */
  rejectAllFromOrigin: { params: { origin: string }; result: undefined }
  getConnectedSites: { params: undefined; result: ConnectedSite[] }
  /** Revokes a site's permission; its pages get a `disconnect` event. */
  disconnectSite: { params: { origin: string }; result: undefined }
  /** Starts binding `identity` on a post-based platform: payload, signature, the text to publish. */
  startBinding: { params: { platform: string; identity: string; language?: string }; result: PostBindingFlow }
  /** Every flow not yet cleared, newest first. */
  getFlows: { params: undefined; result: BindingFlow[] }
  /** The user published the proof: submit it (retrying with backoff while the post is not visible yet). */
  submitBinding: { params: { flowId: string; proofLocation: string }; result: PostBindingFlow }
  /** Forgets a flow (done, failed or abandoned): "Cancel" while it waits. */
  clearFlow: { params: { flowId: string }; result: undefined }
  /** "Check now": a waiting flow submits again at once instead of at its next check. */
  checkFlowNow: { params: { flowId: string }; result: PostBindingFlow | RevokeBindingFlow }
  /** What a public resolver shows now for a DNS flow's domain (Settings' dnsResolverUrl). */
  checkDnsRecord: { params: { flowId: string }; result: DnsCheck }
  /**
   * "Start again" on a failed flow: while the avatar's chain has not moved, the proof already
   * published is submitted again (nothing new to sign or publish); only then a fresh payload is signed.
   */
  restartFlow: { params: { flowId: string }; result: PostBindingFlow | RevokeBindingFlow }
  // popup flow UI
  /** What the configured ProofService lists in /healthz that this extension can bind (X, GitHub, Ethereum first). */
  getPlatforms: { params: undefined; result: BindablePlatform[] }
  /**
   * Revokes through a new published proof signed over the delete payload, for services that refuse
   * the avatar's signature alone on post-based platforms (§7.2, §15 #11): a flow with action 'delete'.
   */
  startRevokeFlow: { params: { platform: string; identity: string }; result: PostBindingFlow }
  // wallet flows
  /**
   * The wallets the active web page holds: EIP-1193 ones (EIP-6963; a bare window.ethereum as "Browser
   * wallet") and a Solana one (window.phantom.solana). `origin` is the page's origin as the browser
   * reports it; names and icons are the page's word.
   */
  findWallets: {
    params: undefined
    result: {
      origin: string
      wallets: { id: string; chain: 'ethereum' | 'solana'; name: string; icon: string; rdns: string }[]
    }
  }
  /** Asks the page's wallet `walletId` for its account; a wallet flow (ethereum or solana) in 'confirm-wallet'. */
  connectWallet: { params: { walletId: string }; result: WalletBindingFlow }
  /** The user checked the address: the avatar signs the payload, then the wallet is asked to sign it ('wallet-sign'). */
  confirmWalletBinding: { params: { flowId: string }; result: WalletBindingFlow }
  /** A failed wallet flow again from a fresh payload, without asking for the confirmation again. */
  retryWalletBinding: { params: { flowId: string }; result: WalletBindingFlow }
  /** Revokes an ethereum or solana binding with the wallet's signature over the prepared delete payload (§6.4, §6.5). */
  confirmRevokeWithWallet: { params: { requestId: string; walletId: string }; result: RevokeBindingFlow }
}

/** A flow waiting to be published, as the helper content script on the platform's site sees it. */
export type PublishTask = {
  flowId: string
  platform: 'twitter' | 'github'
  /** The handle (X) or login (GitHub) being bound; the page's account must be this one. */
  identity: string
  /** The exact text to post (X) or the gist file's content (GitHub). */
  postText: string
  /** GitHub: the gist file's name `0x<avatar>.json`; '' for X. */
  fileName: string
}

/** How a flow stands, as the helper content script shows it on the page. */
export type PublishStatus = { step: FlowStep; status: FlowStatus | null }

/**
 * Methods the helper content scripts on x.com and gist.github.com may call. The platform comes
 * from the sender's URL as the browser reports it (x.com → twitter, gist.github.com → github),
 * never from the message; a script can only see and report flows of its own platform.
 */
export type PageHelperApi = {
  /** The newest flow of this site's platform waiting to be published, or null. */
  getPublishTask: { params: undefined; result: PublishTask | null }
  /** The account logged in on the page; another account than the flow's identity fails the flow before anything is posted. */
  reportAccount: { params: { flowId: string; account: string }; result: PublishStatus }
  /** The proof was published: its location (tweet or gist id) and its text as the page shows it; compared, then submitted. */
  reportPublished: { params: { flowId: string; proofLocation: string; publishedText: string }; result: PublishStatus }
}

export type ApiName = 'popup' | 'page-helper'

export type Method = { params: unknown; result: unknown }

export type Handlers<Api extends Record<string, Method>> = {
  [Name in keyof Api]: (params: Api[Name]['params']) => Promise<Api[Name]['result']>
}
