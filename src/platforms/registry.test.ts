import { describe, expect, it } from 'vitest'
import { IdentityError } from '../errors.js'
import {
  normalizeIdentity,
  PLATFORM_SPECS,
  PLATFORMS,
  POST_PLATFORMS,
  parseIdentityInput,
  REGISTERED_PLATFORMS,
  REVOKE_PROOF_PLATFORMS,
} from './index.js'

describe('platform registry', () => {
  it('keys every spec by its own id', () => {
    for (const [key, spec] of Object.entries(PLATFORM_SPECS)) expect(spec.id).toBe(key)
  })

  it('derives the lists from the specs', () => {
    expect(REGISTERED_PLATFORMS).toHaveLength(11)
    expect(PLATFORMS).toEqual([...REGISTERED_PLATFORMS, 'nextid'])
    expect(POST_PLATFORMS).toEqual([
      'twitter',
      'keybase',
      'github',
      'discord',
      'dotbit',
      'minds',
      'dns',
      'steam',
      'activitypub',
    ])
    expect(REVOKE_PROOF_PLATFORMS).toEqual(['keybase', 'dotbit', 'minds', 'dns', 'steam', 'activitypub'])
  })

  it('gives every post platform a template with a signature slot and a patience of at least an hour', () => {
    for (const platform of POST_PLATFORMS) {
      const post = PLATFORM_SPECS[platform].post
      const fields = {
        typed: 'alice',
        identity: 'alice',
        avatar: '0x02aa',
        uuid: '00000000-0000-4000-8000-000000000000',
        createdAt: '1700000000',
        prev: null,
        signPayload: '{}',
      }
      const content: Record<string, string> = post.template(fields)
      expect(content.default, platform).toContain('%SIG_BASE64%')
      for (const language of post.languages) expect(content[language], `${platform} ${language}`).toBeTypeOf('string')
      expect(post.patienceMs, platform).toBeGreaterThanOrEqual(3_600_000)
    }
    expect(PLATFORM_SPECS.dns.post.patienceMs).toBe(48 * 3_600_000)
  })

  it('holds its own known answers for identities', () => {
    for (const platform of PLATFORMS) {
      const { examples, example } = PLATFORM_SPECS[platform].identity
      if (platform !== 'nextid') expect(parseIdentityInput(platform, example), platform).toBeTypeOf('string')
      for (const [typed, normalised] of examples.valid) {
        expect(parseIdentityInput(platform, typed), `${platform} ${typed}`).toBe(normalised)
        expect(normalizeIdentity(platform, typed), `${platform} ${typed}`).toBe(normalised)
      }
      for (const [typed, rule] of examples.invalid) {
        const error = catchError(() => parseIdentityInput(platform, typed))
        expect(error, `${platform} ${typed}`).toBeInstanceOf(IdentityError)
        expect((error as IdentityError).rule, `${platform} ${typed}`).toBe(rule)
        expect((error as IdentityError).input).toBe(typed)
      }
    }
  })

  it('refuses `not a domain!!` as a domain before anything is signed, keeping the words', () => {
    const error = catchError(() => parseIdentityInput('dns', 'not a domain!!'))
    expect(error).toMatchObject({
      code: 'INVALID_IDENTITY',
      platform: 'dns',
      rule: 'not-a-domain',
      input: 'not a domain!!',
    })
  })

  it('trims what was typed, and refuses empty and control characters on every platform', () => {
    expect(parseIdentityInput('github', '  OctoCat ')).toBe('octocat')
    for (const platform of PLATFORMS) {
      expect(catchError(() => parseIdentityInput(platform, '  '))).toMatchObject({ rule: 'empty' })
      expect(catchError(() => parseIdentityInput(platform, 'a\u0000b'))).toMatchObject({ rule: 'control-character' })
    }
    expect(catchError(() => parseIdentityInput('ethereum', '0x12'))).toMatchObject({ rule: 'not-an-address' })
    expect(catchError(() => parseIdentityInput('nextid', '0x12'))).toMatchObject({ rule: 'not-an-avatar' })
  })
})

function catchError(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected an error')
}
