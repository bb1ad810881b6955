/**
 * Runs in: Vitest only. A well-formed stored DNS flow waiting to be published, for the tests of
 * the flow records to vary one field at a time.
 */
import type { StoredFlow } from '../../../extension/background/proofs/flow-store.js'

export const SAMPLE_FLOW: StoredFlow = {
  id: 'f1',
  kind: 'post',
  action: 'create',
  platform: 'dns',
  identity: 'example.com',
  avatarId: `0x02${'ab'.repeat(32)}`,
  step: 'publish',
  postText: 'nextid-txt',
  publishUrl: '',
  wallet: null,
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
