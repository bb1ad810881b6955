import { describe, expect, it } from 'vitest'
import { avatarId, getPublicKey, hexToBytes } from '../../../src/crypto/index.js'
import { buildKvSignPayload, buildProofSignPayload } from '../../../src/protocol/index.js'
import { looksLikeNextIdPayload, requireSignableMessage } from './message-guard.js'

const AVATAR = avatarId(getPublicKey(hexToBytes('11'.repeat(32), 'key')))
const ORIGIN = 'https://dapp.example'
const UUID = '6c0b7e2a-3f7d-4d1a-9b2f-2a8a1b3c4d5e'

const proofPayload = () =>
  buildProofSignPayload({
    action: 'create',
    platform: 'twitter',
    identity: 'someone',
    avatar: AVATAR,
    uuid: UUID,
    createdAt: '1700000000',
    prev: null,
  })
const kvPayload = () =>
  buildKvSignPayload({
    uuid: UUID,
    avatar: AVATAR,
    platform: 'nextid',
    identity: AVATAR,
    patch: { a: 1 },
    createdAt: 1700000000,
    previous: null,
  })

describe('requireSignableMessage', () => {
  it('passes plain text and a sign-in message for the requester’s own domain', () => {
    expect(requireSignableMessage('hello', ORIGIN)).toBe('hello')
    const own = 'dapp.example wants you to sign in with your Ethereum account:\n0x00'
    expect(requireSignableMessage(own, ORIGIN)).toBe(own)
  })

  it('refuses Next.ID proof and KV payloads, exact or near-miss, with -32602', () => {
    for (const text of [proofPayload(), kvPayload(), ` ${proofPayload()}\n`, '{"action":"create"}', '[{"patch":{}}]']) {
      expect(() => requireSignableMessage(text, ORIGIN)).toThrow(
        expect.objectContaining({ code: -32602, message: 'refused: the message is a Next.ID proof or KV payload' }),
      )
    }
  })

  it('refuses a sign-in message for another domain, wherever its line is', () => {
    for (const text of [
      'evil.example wants you to sign in with your Ethereum account:\n0x00',
      'note\nhttps://evil.example wants you to sign in with your Ethereum account:',
      'user@evil.example wants you to sign in with your Ethereum account:',
      'dapp.example:8443 wants you to sign in with your Ethereum account:',
    ]) {
      expect(() => requireSignableMessage(text, ORIGIN), text).toThrow(
        expect.objectContaining({ code: -32602, message: 'refused: the message signs in to another domain' }),
      )
    }
  })

  it('refuses a non-string, empty or oversized message', () => {
    expect(() => requireSignableMessage(1, ORIGIN)).toThrow('"message" expected string, got number')
    expect(() => requireSignableMessage('', ORIGIN)).toThrow('"message" expected 1 to 8192 characters')
    expect(() => requireSignableMessage('x'.repeat(8193), ORIGIN)).toThrow('"message" expected 1 to 8192 characters')
  })
})

describe('looksLikeNextIdPayload', () => {
  it('is false for ordinary JSON and text', () => {
    expect(looksLikeNextIdPayload('{"hello":"world"}')).toBe(false)
    expect(looksLikeNextIdPayload('[1,2,3]')).toBe(false)
    expect(looksLikeNextIdPayload('I agree to the terms')).toBe(false)
  })
})
