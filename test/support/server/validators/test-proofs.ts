/**
 * Test helper for the post-based validators: a ValidationRequest exactly as ProofService would
 * hand it over, and the post the user would publish for it, signed with real keys (never mocked).
 * The keys are fixed, public test keys: test use only.
 */
import { type AddressInfo, createServer } from 'node:net'
import type { ValidationRequest, ValidatorContext } from '../../../../server/validators/validator.js'
import {
  avatarId,
  encodeBase64,
  getPublicKey,
  parsePrivateKey,
  signPersonalMessage,
} from '../../../../src/crypto/index.js'
import {
  buildPostContent,
  buildProofSignPayload,
  fillSignature,
  normalizeIdentity,
  type Platform,
  type ProofAction,
} from '../../../../src/protocol/index.js'
import { TEST_PREV, TEST_PRIVATE_KEY_HEX, TEST_UUID } from '../../src/protocol/test-keys.js'

export const AVATAR_KEY = parsePrivateKey(TEST_PRIVATE_KEY_HEX)
export const AVATAR = avatarId(getPublicKey(AVATAR_KEY))
export const OTHER_KEY = parsePrivateKey('22'.repeat(32))
export const OTHER_AVATAR = avatarId(getPublicKey(OTHER_KEY))
export const CREATED_AT = '1700000000'
export { TEST_PREV, TEST_UUID }

type PayloadFields = { identity: string; uuid: string; createdAt: string; prev: string | null }

export type ProofOptions = {
  platform: Platform
  /** As the user typed it; the request carries it normalised (§5.3). */
  identity: string
  action?: ProofAction
  proofLocation?: string
  prev?: string | null
  uuid?: string
  /** Who signs the post (the avatar by default). */
  signer?: Uint8Array
  /** Payload fields the post was signed for, when they differ from the request's (a stale proof). */
  signedFor?: Partial<PayloadFields>
  /** The avatar named in the post (GitHub/Keybase documents), when it differs from the request's. */
  postAvatar?: string
}

export type TestProof = {
  request: ValidationRequest
  /** The post text (tweet, gist file, TXT record value) with its signature filled in. */
  post: string
  /** Base64 of the post's signature. */
  postSignature: string
}

/** A request plus the post for it, signed over the payload ProofService rebuilds. */
export function makeProof(options: ProofOptions): TestProof {
  const action = options.action ?? 'create'
  const fields: PayloadFields = {
    identity: options.identity,
    uuid: options.uuid ?? TEST_UUID,
    createdAt: CREATED_AT,
    prev: options.prev === undefined ? null : options.prev,
  }
  const signPayload = buildProofSignPayload({ action, platform: options.platform, avatar: AVATAR, ...fields })
  const signed = { ...fields, ...options.signedFor }
  const postAvatar = options.postAvatar ?? AVATAR
  const postPayload = buildProofSignPayload({ action, platform: options.platform, avatar: postAvatar, ...signed })
  const postSignature = encodeBase64(signPersonalMessage(postPayload, options.signer ?? AVATAR_KEY))
  const template = buildPostContent({ action, platform: options.platform, avatar: postAvatar, ...signed }).default
  const request: ValidationRequest = {
    action,
    platform: options.platform,
    identity: normalizeIdentity(options.platform, options.identity),
    avatar: AVATAR,
    proofLocation: options.proofLocation ?? '',
    signPayload,
    uuid: fields.uuid,
    createdAt: fields.createdAt,
    prev: fields.prev,
    avatarSignature: signPersonalMessage(signPayload, AVATAR_KEY),
    extra: {},
  }
  return { request, post: fillSignature(template, postSignature, postAvatar), postSignature }
}

/** A context whose fetch must not be called (deletes, bad input). */
export const NO_FETCH: ValidatorContext = {
  fetch: async () => {
    throw new Error('this validation must not fetch')
  },
  timeoutMs: 1_000,
}

/** Real fetch with a short time limit, for the simulator served over HTTP. */
export const HTTP: ValidatorContext = { fetch: globalThis.fetch, timeoutMs: 5_000 }

/** A base URL on a port that was free a moment ago, so connecting is refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}`
}

/** The error a promise rejects with (an Error saying so when it resolves instead). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => new Error('expected a rejection'),
    (caught: unknown) => caught as Error,
  )
}
