/**
 * Wallet flows (Ethereum, Solana) through the popup handlers against a REAL local ProofService (PGlite); the
 * page and its wallet are the test double of wallet-test-page.ts, signing with viem's local account.
 */
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import type { FetchFunction } from '../../../src/client/index.js'
import {
  type BackgroundStores,
  bootBackground,
  createBackgroundStores,
  localServicesPerFile,
  type PopupHandlers,
  waitForFlow,
} from '../../../test/support/extension/flow-context.js'
import {
  createSolanaKey,
  createTestPageState,
  createTestPages,
  OTHER_WALLET_KEY,
  SOLANA_WALLET,
  SOLANA_WALLET_ID,
  TEST_WALLET_ID,
  TEST_WALLET_KEY,
  type TestPageState,
} from '../../../test/support/extension/wallet-test-page.js'
import type { BindingFlow } from '../../messaging/catalogue.js'
import { personalSignData } from '../page-wallets/wallet-answers.js'

const ADDRESS = privateKeyToAccount(TEST_WALLET_KEY).address
const OTHER_ADDRESS = privateKeyToAccount(OTHER_WALLET_KEY).address

const services = localServicesPerFile()

/** The service's POST /v1/proof is unreachable for the next `downFor` submissions (a network failure). */
type ServiceState = { downFor: number; unreachable: number }

/** One service worker over fresh storage (or `stores` of an earlier one), unlocked, on the local server. */
async function boot(
  page: TestPageState,
  stores: BackgroundStores = createBackgroundStores(),
  privateKey?: string,
  options: { service?: ServiceState; retryDelaysMs?: number[]; clearedCheckMs?: number } = {},
) {
  const submitted: string[] = []
  // Counts what reaches POST /v1/proof, so a refused signature can be shown to send nothing.
  const fetch: FetchFunction = (input, init) => {
    if (String(input).endsWith('/v1/proof') && init?.method === 'POST') {
      if (options.service && options.service.downFor > 0) {
        options.service.downFor--
        options.service.unreachable++
        return Promise.reject(new TypeError('fetch failed'))
      }
      submitted.push(String(init.body))
    }
    return globalThis.fetch(input, init)
  }
  const done: BindingFlow[] = []
  const { api } = await bootBackground({
    server: services.server,
    fetch,
    stores,
    ...(privateKey ? { privateKey } : {}),
    onDone: (flow) => done.push(flow),
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    wallet: {
      pages: createTestPages(page),
      ...(options.clearedCheckMs ? { clearedCheckMs: options.clearedCheckMs } : {}),
    },
  })
  return { api, submitted, done, stores }
}

/** Polls (about 5 s) until `reached` holds: for what the background does on its own. */
async function until(reached: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !reached(); i++) await new Promise((resolve) => setTimeout(resolve, 25))
  if (!reached()) throw new Error(`never ${what}`)
}

const signRequests = (page: TestPageState) => page.requests.filter((request) => request.method === 'personal_sign')

/** The flow once it left the steps that run on their own (wallet-sign, submit). */
function settled(api: PopupHandlers, flowId: string): Promise<BindingFlow> {
  return waitForFlow(api, flowId, (flow) => flow.step !== 'wallet-sign' && flow.step !== 'submit', 'settled')
}

async function connected(api: PopupHandlers): Promise<BindingFlow> {
  const found = await api.findWallets(undefined)
  return api.connectWallet({ walletId: found.wallets[0]?.id ?? '' })
}

describe('Ethereum wallet binding', () => {
  it('lists the page’s wallets, confirms the address before signing, and binds with both signatures', async () => {
    const testWallet = {
      id: TEST_WALLET_ID,
      chain: 'ethereum',
      name: 'Test Wallet',
      icon: 'data:image/svg+xml,%3Csvg%3E',
      rdns: 'org.example.testwallet',
    }
    const page = createTestPageState({
      wallets: [
        { ...testWallet },
        { id: 'evil', chain: 'ethereum', name: 'Evil', icon: 'javascript:alert(1)', rdns: 'x.example' },
        { id: TEST_WALLET_ID, chain: 'ethereum', name: 'Imitation', icon: '', rdns: '' },
      ],
    })
    const { api, submitted, done } = await boot(page)
    expect(await api.findWallets(undefined)).toEqual({
      origin: 'https://wallet-dapp.example',
      // Only the well-formed announcement stays: the unsafe icon and the imitation of its id are dropped.
      wallets: [testWallet],
    })

    const flow = await api.connectWallet({ walletId: TEST_WALLET_ID })
    expect(flow).toMatchObject({
      step: 'confirm-wallet',
      platform: 'ethereum',
      identity: ADDRESS.toLowerCase(),
      wallet: { name: 'Test Wallet', address: ADDRESS, origin: 'https://wallet-dapp.example' },
    })
    // Nothing signed or asked for before the user confirms the address.
    expect(page.requests.map((request) => request.method)).toEqual(['eth_requestAccounts'])
    expect((await api.getProofChain(undefined)).links).toEqual([])

    const signing = await api.confirmWalletBinding({ flowId: flow.id })
    expect(signing.step).toBe('wallet-sign')
    const finished = await settled(api, flow.id)
    expect(finished).toMatchObject({ step: 'done', status: null })
    expect(done.map((entry) => entry.id)).toEqual([flow.id])

    // The wallet was asked to sign the exact payload, hex-encoded UTF-8, as the checksummed account.
    const sign = page.requests.find((request) => request.method === 'personal_sign')
    const body = JSON.parse(submitted[0] ?? '{}') as { extra: Record<string, string> }
    expect(Object.keys(body.extra).sort()).toEqual(['signature', 'wallet_signature'])
    const chain = await api.getProofChain(undefined)
    expect(chain.valid).toBe(true)
    expect(chain.links).toMatchObject([{ action: 'create', platform: 'ethereum', identity: ADDRESS.toLowerCase() }])
    expect(sign?.params[1]).toBe(ADDRESS)
    expect(String(sign?.params[0])).toMatch(/^0x[0-9a-f]+$/)
    expect(await api.getBindings(undefined)).toEqual([
      expect.objectContaining({ platform: 'ethereum', identity: ADDRESS.toLowerCase(), isValid: true }),
    ])
    await api.clearFlow({ flowId: flow.id })
  })

  it('fails with the reason when the user rejects in the wallet, and “Try again” needs no new confirmation', async () => {
    const page = createTestPageState()
    const { api } = await boot(page, createBackgroundStores(), `${'3c'.repeat(32)}`)
    const flow = await connected(api)
    page.reject = true
    await api.confirmWalletBinding({ flowId: flow.id })
    expect(await settled(api, flow.id)).toMatchObject({
      step: 'failed',
      status: { code: 'error', errorCode: 'WALLET_REJECTED' },
    })
    await expect(api.confirmWalletBinding({ flowId: flow.id })).rejects.toThrow('try it again instead')

    page.reject = false
    expect((await api.retryWalletBinding({ flowId: flow.id })).step).toBe('wallet-sign')
    expect(await settled(api, flow.id)).toMatchObject({ step: 'done', status: null })
    const signRequests = page.requests.filter((request) => request.method === 'personal_sign')
    expect(signRequests).toHaveLength(2)
  })

  it('refuses a signature that does not recover to the address the page gave, before anything is submitted', async () => {
    // The page says the account is ADDRESS but its wallet signs with another key.
    const page = createTestPageState({ signingKey: OTHER_WALLET_KEY })
    const { api, submitted } = await boot(page, createBackgroundStores(), `${'3d'.repeat(32)}`)
    const flow = await connected(api)
    await api.confirmWalletBinding({ flowId: flow.id })
    expect(await settled(api, flow.id)).toMatchObject({
      step: 'failed',
      status: { code: 'error', errorCode: 'WALLET_SIGNER_MISMATCH' },
    })
    expect(submitted).toEqual([])
    expect(await api.getBindings(undefined)).toEqual([])
    expect(OTHER_ADDRESS).not.toBe(ADDRESS)
  })

  it('fails when the wallet’s page now shows another site, or was closed', async () => {
    const page = createTestPageState()
    const { api, submitted } = await boot(page, createBackgroundStores(), `${'3e'.repeat(32)}`)
    const flow = await connected(api)
    page.origin = 'https://other.example'
    await api.confirmWalletBinding({ flowId: flow.id })
    expect((await settled(api, flow.id)).status).toEqual({ code: 'error', errorCode: 'WALLET_PAGE_CHANGED' })
    page.origin = 'https://wallet-dapp.example'
    page.closed = true
    await api.retryWalletBinding({ flowId: flow.id })
    expect((await settled(api, flow.id)).status).toEqual({ code: 'error', errorCode: 'WALLET_PAGE_CLOSED' })
    expect(submitted).toEqual([])
  })

  it('turns garbage from the page into typed errors and creates no flow', async () => {
    const page = createTestPageState({ accountsAnswer: { accounts: ['0x1'] } })
    const { api } = await boot(page, createBackgroundStores(), `${'3f'.repeat(32)}`)
    await expect(connected(api)).rejects.toMatchObject({ code: 'WALLET_BAD_ANSWER' })
    page.accountsAnswer = []
    await expect(connected(api)).rejects.toThrow("the wallet's answer is unusable: the wallet shared no account")
    await expect(api.connectWallet({ walletId: 'not-in-the-page' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(api.connectWallet({ walletId: 5 } as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    page.wallets = 'not a list'
    await expect(api.findWallets(undefined)).rejects.toMatchObject({ code: 'WALLET_BAD_ANSWER' })
    expect(await api.getFlows(undefined)).toEqual([])
    await expect(api.confirmWalletBinding({ flowId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('a wallet request cut off by a worker restart fails with a reason and can be tried again', async () => {
    const page = createTestPageState({ hang: true })
    const first = await boot(page, createBackgroundStores(), `${'40'.repeat(32)}`)
    const flow = await connected(first.api)
    await first.api.confirmWalletBinding({ flowId: flow.id })
    expect((await first.api.getFlows(undefined))[0]?.step).toBe('wallet-sign')

    // A new worker over the same storage: the old worker's request to the page is gone.
    page.hang = false
    const second = await boot(page, first.stores)
    expect(await settled(second.api, flow.id)).toMatchObject({
      step: 'failed',
      status: { code: 'interrupted' },
    })
    await second.api.retryWalletBinding({ flowId: flow.id })
    expect(await settled(second.api, flow.id)).toMatchObject({ step: 'done' })
  })
})

describe('wallet flows that race the user or the service', () => {
  it('a flow cleared while the wallet is asked to sign closes the page and submits nothing', async () => {
    const page = createTestPageState({ hang: true })
    const { api, submitted, done } = await boot(page, createBackgroundStores(), `${'44'.repeat(32)}`, {
      clearedCheckMs: 20,
    })
    const flow = await connected(api)
    await api.confirmWalletBinding({ flowId: flow.id })
    await until(() => signRequests(page).length === 1, 'asked the wallet to sign')
    await api.clearFlow({ flowId: flow.id })
    // The background notices, closes its connection to the page, and the waiting request ends.
    await until(() => page.abortedRequests === 1, 'closed the page')
    expect(await api.getFlows(undefined)).toEqual([])
    expect(submitted).toEqual([])
    expect(done).toEqual([])
  })

  it('a wallet signature that arrives after the flow was cleared is not submitted or announced', async () => {
    let answer = () => {}
    const page = createTestPageState({ signGate: new Promise<void>((resolve) => (answer = resolve)) })
    const { api, submitted, done } = await boot(page, createBackgroundStores(), `${'45'.repeat(32)}`)
    const cleared = await connected(api)
    await api.confirmWalletBinding({ flowId: cleared.id })
    await until(() => signRequests(page).length === 1, 'asked the wallet to sign')
    await api.clearFlow({ flowId: cleared.id })
    answer() // the user signs in the wallet right after clearing, before any check of the page runs

    // A second binding of the same address runs to the end after it: only that one is submitted and announced.
    page.signGate = undefined
    const next = await connected(api)
    await api.confirmWalletBinding({ flowId: next.id })
    expect(await settled(api, next.id)).toMatchObject({ step: 'done', status: null })
    expect(submitted).toHaveLength(1)
    expect(done.map((flow) => flow.id)).toEqual([next.id])
    expect((await api.getFlows(undefined)).map((flow) => flow.id)).toEqual([next.id])
  })

  it('a double confirm asks the wallet once and submits once', async () => {
    const page = createTestPageState()
    const { api, submitted, done } = await boot(page, createBackgroundStores(), `${'46'.repeat(32)}`)
    const flow = await connected(api)
    const taps = await Promise.all([
      api.confirmWalletBinding({ flowId: flow.id }),
      api.confirmWalletBinding({ flowId: flow.id }),
    ])
    expect(taps.map((tap) => tap.id)).toEqual([flow.id, flow.id])
    expect(await settled(api, flow.id)).toMatchObject({ step: 'done' })
    expect(signRequests(page)).toHaveLength(1)
    expect(submitted).toHaveLength(1)
    expect(done).toHaveLength(1)
  })

  it('waits out a service that is down, resubmitting the verified signatures without the wallet', async () => {
    const page = createTestPageState()
    const service: ServiceState = { downFor: 3, unreachable: 0 }
    const { api, done } = await boot(page, createBackgroundStores(), `${'47'.repeat(32)}`, {
      service,
      retryDelaysMs: [20, 20],
    })
    const flow = await connected(api)
    await api.confirmWalletBinding({ flowId: flow.id })
    // The first submission and two scheduled resubmissions find the service down; the fourth goes through.
    expect(await settled(api, flow.id)).toMatchObject({ step: 'done', status: null })
    expect(service.unreachable).toBe(3)
    // One wallet prompt in all: every submission sent the signature the wallet gave the first time.
    expect(signRequests(page)).toHaveLength(1)
    expect(done.map((entry) => entry.id)).toEqual([flow.id])
    expect(await api.getBindings(undefined)).toEqual([
      expect.objectContaining({ platform: 'ethereum', identity: ADDRESS.toLowerCase(), isValid: true }),
    ])
  })
})

describe('revoking an ethereum binding with the wallet (§6.4 delete (a))', () => {
  it('submits only the wallet signature; the chain link is the wallet’s and verifies', async () => {
    const page = createTestPageState()
    const { api, submitted } = await boot(page, createBackgroundStores(), `${'41'.repeat(32)}`)
    const flow = await connected(api)
    await api.confirmWalletBinding({ flowId: flow.id })
    expect((await settled(api, flow.id)).step).toBe('done')

    const prepared = await api.prepareRevoke({ platform: 'ethereum', identity: ADDRESS })
    const revoked = await api.confirmRevokeWithWallet({ requestId: prepared.requestId, walletId: TEST_WALLET_ID })
    // Submitted by the flow engine, done at once: no flow is left for the user to clear.
    expect(revoked).toMatchObject({ kind: 'revoke', signer: 'wallet', step: 'done', status: null })
    expect((await api.getFlows(undefined)).map((entry) => entry.kind)).not.toContain('revoke')
    const body = JSON.parse(submitted.at(-1) ?? '{}') as { action: string; extra: Record<string, string> }
    expect(body.action).toBe('delete')
    expect(Object.keys(body.extra)).toEqual(['wallet_signature'])
    expect(await api.getBindings(undefined)).toEqual([])
    const chain = await api.getProofChain(undefined)
    expect(chain.valid).toBe(true)
    expect(chain.links.at(-1)).toMatchObject({ action: 'delete', status: 'verified', signer: 'wallet' })
    // The prepared request is used up.
    await expect(
      api.confirmRevokeWithWallet({ requestId: prepared.requestId, walletId: TEST_WALLET_ID }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('refuses a wallet that does not hold the bound account, and non-ethereum requests', async () => {
    const page = createTestPageState()
    const { api, submitted } = await boot(page, createBackgroundStores(), `${'42'.repeat(32)}`)
    const flow = await connected(api)
    await api.confirmWalletBinding({ flowId: flow.id })
    expect((await settled(api, flow.id)).step).toBe('done')
    const before = submitted.length

    page.accountKey = OTHER_WALLET_KEY
    const prepared = await api.prepareRevoke({ platform: 'ethereum', identity: ADDRESS })
    await expect(
      api.confirmRevokeWithWallet({ requestId: prepared.requestId, walletId: TEST_WALLET_ID }),
    ).rejects.toThrow(`this wallet does not hold ${ADDRESS.toLowerCase()}`)
    // A page that shares the right account but signs with another key is caught by the signature check.
    page.accountKey = TEST_WALLET_KEY
    page.signingKey = OTHER_WALLET_KEY
    await expect(
      api.confirmRevokeWithWallet({ requestId: prepared.requestId, walletId: TEST_WALLET_ID }),
    ).rejects.toMatchObject({ code: 'WALLET_SIGNER_MISMATCH' })
    expect(submitted).toHaveLength(before)
    expect(await api.getBindings(undefined)).toHaveLength(1)

    const dns = await api.prepareRevoke({ platform: 'dns', identity: 'example.com' })
    await expect(
      api.confirmRevokeWithWallet({ requestId: dns.requestId, walletId: TEST_WALLET_ID }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })
})

it('personal_sign data is the hex of the UTF-8 bytes', () => {
  expect(personalSignData('{"a":"é"}')).toBe('0x7b2261223a22c3a9227d')
})

describe('Solana wallet binding (§6.5)', () => {
  it('binds with a base58 ed25519 wallet signature, refuses another signer, and revokes with the wallet', async () => {
    const page = createTestPageState()
    page.wallets = [...(page.wallets as unknown[]), SOLANA_WALLET]
    const { api, submitted } = await boot(page, createBackgroundStores(), `${'43'.repeat(32)}`)
    const address = page.solanaAccount.address
    expect((await api.findWallets(undefined)).wallets.map((wallet) => wallet.chain)).toEqual(['ethereum', 'solana'])

    // A wallet that signs with another key is refused before submitting.
    page.solanaSigner = createSolanaKey()
    const refused = await api.connectWallet({ walletId: SOLANA_WALLET_ID })
    await api.confirmWalletBinding({ flowId: refused.id })
    expect((await settled(api, refused.id)).status).toEqual({ code: 'error', errorCode: 'WALLET_SIGNER_MISMATCH' })
    expect(submitted).toEqual([])
    await api.clearFlow({ flowId: refused.id })

    page.solanaSigner = page.solanaAccount
    const flow = await api.connectWallet({ walletId: SOLANA_WALLET_ID })
    expect(flow).toMatchObject({ platform: 'solana', identity: address, wallet: { name: 'Phantom', address } })
    await api.confirmWalletBinding({ flowId: flow.id })
    expect(await settled(api, flow.id)).toMatchObject({ step: 'done', status: null })
    const body = JSON.parse(submitted[0] ?? '{}') as { extra: Record<string, string> }
    expect(body.extra.wallet_signature).toMatch(/^[1-9A-HJ-NP-Za-km-z]{80,90}$/)
    expect(await api.getBindings(undefined)).toEqual([expect.objectContaining({ platform: 'solana', isValid: true })])

    const prepared = await api.prepareRevoke({ platform: 'solana', identity: address })
    await api.confirmRevokeWithWallet({ requestId: prepared.requestId, walletId: SOLANA_WALLET_ID })
    expect(Object.keys((JSON.parse(submitted.at(-1) ?? '{}') as { extra: object }).extra)).toEqual(['wallet_signature'])
    expect(await api.getBindings(undefined)).toEqual([])
    const chain = await api.getProofChain(undefined)
    expect(chain.valid).toBe(true)
    expect(chain.links.at(-1)).toMatchObject({ action: 'delete', status: 'verified', signer: 'wallet' })
  })
})
