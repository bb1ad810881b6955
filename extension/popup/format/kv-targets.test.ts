import { describe, expect, it } from 'vitest'
import { kvTargetKey, newKvTargets } from './kv-targets.js'

const AVATAR = `0x02${'ab'.repeat(32)}`

describe('newKvTargets', () => {
  it('offers nextid under the avatar id first, then every binding', () => {
    const bindings = [
      { platform: 'twitter', identity: 'alice', isValid: false },
      { platform: 'ethereum', identity: '0xabc' },
    ]
    expect(newKvTargets(AVATAR, bindings, [])).toEqual([
      { platform: 'nextid', identity: AVATAR },
      { platform: 'twitter', identity: 'alice' },
      { platform: 'ethereum', identity: '0xabc' },
    ])
  })
  it('leaves out namespaces that exist and duplicates', () => {
    const existing = [{ platform: 'nextid', identity: AVATAR, content: {} }]
    const bindings = [
      { platform: 'github', identity: 'alice' },
      { platform: 'github', identity: 'alice' },
    ]
    expect(newKvTargets(AVATAR, bindings, existing)).toEqual([{ platform: 'github', identity: 'alice' }])
  })
  it('keeps identities case-sensitive, as KVService matches them exactly', () => {
    expect(
      newKvTargets(AVATAR, [{ platform: 'discord', identity: 'Bob#1' }], [{ platform: 'discord', identity: 'bob#1' }]),
    ).toHaveLength(2)
  })
})

describe('kvTargetKey', () => {
  it('cannot confuse a platform with part of an identity', () => {
    expect(kvTargetKey({ platform: 'a', identity: 'b c' })).not.toBe(kvTargetKey({ platform: 'a b', identity: 'c' }))
  })
})
