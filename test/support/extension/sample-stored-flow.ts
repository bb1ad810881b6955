/**
 * Runs in: Vitest only. Well-formed stored flows — a DNS flow waiting to be published, an Ethereum
 * wallet flow waiting for the wallet, a confirmed DNS revoke waiting for the service — for the tests of the flow records to vary one field at a time.
 */

import type {
  PostFlowRecord,
  RevokeFlowRecord,
  WalletFlowRecord,
} from '../../../extension/background/proofs/flow-store.js'
import { toChecksumAddress } from '../../../src/crypto/index.js'

export const SAMPLE_FLOW: PostFlowRecord = {
  id: 'f1',
  kind: 'post',
  action: 'create',
  platform: 'dns',
  identity: 'example.com',
  avatarId: `0x02${'ab'.repeat(32)}`,
  step: 'publish',
  postText: 'nextid-txt',
  publishUrl: '',
  needsProofLocation: false,
  proofLocation: '',
  attempts: 0,
  nextAttemptAt: null,
  checkUntil: null,
  status: null,
  createdAt: 1,
  updatedAt: 1,
  uuid: '5c5a1d7e-3f3b-4c42-9a3e-6a1f2d3c4b5a',
  payloadCreatedAt: '1700000000',
  signPayload: '{}',
  signature: 'c2ln',
  language: 'en',
  awaitingUnlock: false,
}

const WALLET_ADDRESS = toChecksumAddress(`0x${'ab12'.repeat(10)}`)

export const SAMPLE_WALLET_FLOW: WalletFlowRecord = {
  id: 'w1',
  kind: 'wallet',
  action: 'create',
  platform: 'ethereum',
  identity: WALLET_ADDRESS.toLowerCase(),
  avatarId: SAMPLE_FLOW.avatarId,
  step: 'wallet-sign',
  wallet: {
    name: 'Test Wallet',
    icon: '',
    rdns: 'org.example.wallet',
    address: WALLET_ADDRESS,
    origin: 'https://app.example',
  },
  attempts: 0,
  nextAttemptAt: null,
  checkUntil: null,
  status: null,
  createdAt: 2,
  updatedAt: 2,
  uuid: SAMPLE_FLOW.uuid,
  payloadCreatedAt: '1700000000',
  signPayload: '{}',
  signature: 'c2ln',
  language: 'en',
  awaitingUnlock: false,
  walletLink: { tabId: 3, walletId: 'uuid-1', walletSignature: '' },
}

export const SAMPLE_REVOKE_FLOW: RevokeFlowRecord = {
  id: 'r1',
  kind: 'revoke',
  action: 'delete',
  platform: 'dns',
  identity: 'example.com',
  avatarId: SAMPLE_FLOW.avatarId,
  step: 'submit',
  signer: 'avatar',
  attempts: 1,
  nextAttemptAt: 5,
  checkUntil: 10,
  status: { code: 'service-unreachable', httpStatus: null },
  createdAt: 3,
  updatedAt: 3,
  uuid: SAMPLE_FLOW.uuid,
  payloadCreatedAt: '1700000000',
  signPayload: '{}',
  signature: 'c2ln',
  walletSignature: '',
  language: 'en',
  awaitingUnlock: false,
}
