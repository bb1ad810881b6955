import { describe, expect, it } from 'vitest'
import {
  TEST_AVATAR,
  TEST_AVATAR_UNCOMPRESSED,
  TEST_PREV,
  TEST_UUID,
} from '../../test/support/src/protocol/test-keys.js'
import { buildPostContent, fillSignature } from './post-content.js'
import { parseProofDocument } from './proof-document.js'

const documentFor = (platform: 'github' | 'keybase') =>
  fillSignature(
    buildPostContent({
      action: 'create',
      platform,
      identity: 'Alice',
      avatar: TEST_AVATAR_UNCOMPRESSED,
      uuid: TEST_UUID,
      createdAt: '1647329002',
      prev: null,
    }).default,
    TEST_PREV,
  )

describe('parseProofDocument', () => {
  it('reads the GitHub and Keybase documents our templates produce', () => {
    for (const platform of ['github', 'keybase'] as const) {
      expect(parseProofDocument(documentFor(platform), platform)).toEqual({
        persona: TEST_AVATAR,
        username: 'alice',
        signPayload: `{"action":"create","created_at":"1647329002","identity":"alice","platform":"${platform}","prev":null,"uuid":"${TEST_UUID}"}`,
        signature: TEST_PREV,
        createdAt: '1647329002',
        uuid: TEST_UUID,
      })
    }
  })

  it('normalises the persona to 0x + compressed', () => {
    const document = JSON.parse(documentFor('github'))
    document.persona = TEST_AVATAR_UNCOMPRESSED.toUpperCase().replace('0X', '0x')
    expect(parseProofDocument(JSON.stringify(document), 'github').persona).toBe(TEST_AVATAR)
  })

  it('says which field is missing or malformed', () => {
    const valid = JSON.parse(documentFor('github'))
    const cases: [Record<string, unknown>, string][] = [
      [{ version: '2' }, '"version" expected "1"'],
      [{ version: 1 }, '"version" expected "1"'],
      [{ persona: undefined }, '"persona" expected string, got undefined'],
      [{ persona: '0x1234' }, '"persona" expected 33 or 65 bytes, got 2'],
      [{ github_username: '' }, '"github_username" expected a non-empty string'],
      [{ sign_payload: undefined }, '"sign_payload" expected string, got undefined'],
      [{ signature: '' }, '"signature" expected a non-empty string'],
      [{ created_at: 1647329002 }, '"created_at" expected string, got number'],
      [{ uuid: 'x' }, '"uuid" expected a UUID like 8-4-4-4-12 hex digits'],
    ]
    for (const [change, message] of cases) {
      expect(() => parseProofDocument(JSON.stringify({ ...valid, ...change }), 'github'), message).toThrow(message)
    }
    expect(() => parseProofDocument(documentFor('github'), 'keybase')).toThrow(
      '"keybase_username" expected string, got undefined',
    )
    expect(() => parseProofDocument('{"version":', 'github')).toThrow('"text" is not a JSON proof document')
    expect(() => parseProofDocument('[1]', 'github')).toThrow('"document" expected an object, got array')
    expect(() => parseProofDocument(documentFor('github'), 'twitter')).toThrow(
      '"platform" expected one of github, keybase, got "twitter"',
    )
    expect(() => parseProofDocument(42, 'github')).toThrow('"text" expected string, got number')
  })
})
