import { describe, expect, it } from 'vitest'
import { toChecksumAddress } from '../../../src/crypto/index.js'
import { SAMPLE_FLOW } from '../../../test/support/extension/sample-stored-flow.js'
import {
  parseAccountList,
  parseWalletList,
  parseWalletSignature,
  toWalletRequestError,
} from '../page-wallets/wallet-answers.js'
import { isStoredFlow, toBindingFlow, type WalletFlowRecord } from './flow-store.js'

const ADDRESS = toChecksumAddress(`0x${'ab12'.repeat(10)}`)

/** A wallet flow before the payload: no post, no uuid, no signature yet. */
const { postText: _, publishUrl: _url, needsProofLocation: _needs, proofLocation: _location, ...PROGRESS } = SAMPLE_FLOW
const WALLET_FLOW: WalletFlowRecord = {
  ...PROGRESS,
  id: 'w1',
  kind: 'wallet',
  action: 'create',
  platform: 'ethereum',
  identity: ADDRESS.toLowerCase(),
  step: 'confirm-wallet',
  wallet: {
    name: 'Test Wallet',
    icon: 'data:image/png;base64,AAAA',
    rdns: 'org.example.wallet',
    address: ADDRESS,
    origin: 'https://app.example',
  },
  uuid: '',
  payloadCreatedAt: '',
  signPayload: '',
  signature: '',
  walletLink: { tabId: 3, walletId: 'uuid-1', walletSignature: '' },
}
const SIGNED = { uuid: '5c5a1d7e-3f3b-4c42-9a3e-6a1f2d3c4b5a', signature: 'c2ln', step: 'wallet-sign' as const }

describe('stored wallet flows', () => {
  it('accept a well-formed wallet flow, before and after the payload', () => {
    expect(isStoredFlow(WALLET_FLOW)).toBe(true)
    expect(isStoredFlow({ ...WALLET_FLOW, ...SIGNED })).toBe(true)
    const signature = `${'A'.repeat(86)}Q=`
    expect(
      isStoredFlow({
        ...WALLET_FLOW,
        ...SIGNED,
        walletLink: { ...WALLET_FLOW.walletLink, walletSignature: signature },
      }),
    ).toBe(true)
  })

  it.each([
    ['an identity other than the wallet address', { identity: `0x${'cd'.repeat(20)}` }],
    ['an address that is not checksummed', { wallet: { ...WALLET_FLOW.wallet, address: ADDRESS.toLowerCase() } }],
    ['an origin with a path', { wallet: { ...WALLET_FLOW.wallet, origin: 'https://app.example/x' } }],
    ['a non-http origin', { wallet: { ...WALLET_FLOW.wallet, origin: 'javascript:alert(1)' } }],
    ['an icon that is not a data: image', { wallet: { ...WALLET_FLOW.wallet, icon: 'https://evil.example/i.png' } }],
    ['no wallet link', { walletLink: undefined }],
    ['a negative tab', { walletLink: { ...WALLET_FLOW.walletLink, tabId: -1 } }],
    ['a malformed wallet signature', { walletLink: { ...WALLET_FLOW.walletLink, walletSignature: 'AAAA' } }],
    ['no payload past the confirmation', { step: 'wallet-sign' }],
    ['a wallet on a post platform', { platform: 'dns', identity: 'example.com' }],
    ['a delete', { action: 'delete' }],
    ['a post step', { ...SIGNED, step: 'publish' }],
    ['post fields', { postText: '', publishUrl: '', needsProofLocation: false, proofLocation: '' }],
    ['a post kind', { kind: 'post' }],
  ])('refuse %s', (_, change) => {
    expect(isStoredFlow({ ...WALLET_FLOW, ...change })).toBe(false)
  })

  it('keep the wallet link out of the popup’s view', () => {
    expect(toBindingFlow(WALLET_FLOW)).not.toHaveProperty('walletLink')
  })
})

describe('wallet answers from the page', () => {
  it('keep well-formed wallets only, the first of a repeated id', () => {
    const good = { id: 'a', chain: 'ethereum', name: 'A', icon: '', rdns: 'com.a' }
    expect(
      parseWalletList([
        good,
        { ...good, name: 'Imitation' },
        { id: 'b', chain: 'ethereum', name: 'B\u0007', icon: '', rdns: '' },
        { id: 'x', chain: 'bitcoin', name: 'X', icon: '', rdns: '' },
        { id: 'c', name: 'C', icon: 'data:text/html,<script>', rdns: '' },
        { id: 'd', name: 'D', icon: '', rdns: 'not a domain' },
        null,
      ]),
    ).toEqual([good])
    expect(() => parseWalletList({})).toThrow("the wallet's answer is unusable: the wallet list is not an array")
  })

  it('lowercase every account and refuse a non-address', () => {
    expect(parseAccountList([ADDRESS])).toEqual([ADDRESS.toLowerCase()])
    expect(() => parseAccountList([ADDRESS, '0x12'])).toThrow('an account is not an address')
    expect(() => parseAccountList('0x12')).toThrow('did not answer a list of accounts')
  })

  it('read a 65-byte hex signature with a valid v only', () => {
    expect(parseWalletSignature(`0x${'11'.repeat(64)}1b`)).toHaveLength(65)
    expect(() => parseWalletSignature(`0x${'11'.repeat(64)}05`)).toThrow('recovery byte v is 5')
    expect(() => parseWalletSignature(`0x${'11'.repeat(64)}`)).toThrow('0x and 65 bytes of hex')
    expect(() => parseWalletSignature({ r: 1 })).toThrow('0x and 65 bytes of hex')
  })

  it('word EIP-1193 errors, 4001 as the user saying no', () => {
    expect(toWalletRequestError({ code: 4001, message: 'User rejected' })).toMatchObject({
      code: 'WALLET_REJECTED',
      message: 'you rejected the request in the wallet',
    })
    // The page's own words never reach the popup: only the code, in our wording.
    const forged = toWalletRequestError({ code: -32603, message: 'Your avatar key leaked: visit evil.example' })
    expect(forged.message).toBe('the wallet refused (error -32603): it gave no usable answer')
    expect(toWalletRequestError({ code: 4200, message: 'x' }).message).toBe(
      'the wallet refused (error 4200): the wallet does not support this request',
    )
    expect(toWalletRequestError('junk').message).toBe('the wallet refused (error -32603): it gave no usable answer')
  })
})
