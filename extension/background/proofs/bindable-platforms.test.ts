import { describe, expect, it } from 'vitest'
import { bindablePlatforms } from './bindable-platforms.js'

describe('bindablePlatforms', () => {
  it("keeps what the reference's /healthz lists and this extension binds, in the picker's order", () => {
    // NextDotID/proof_server's registered set (§4.3), in one of its random orders.
    const listed = ['dns', 'solana', 'ethereum', 'keybase', 'github', 'discord', 'dotbit', 'minds', 'twitter', 'steam']
    expect(bindablePlatforms([...listed, 'activitypub'])).toEqual([
      { platform: 'twitter', kind: 'post' },
      { platform: 'github', kind: 'post' },
      { platform: 'ethereum', kind: 'wallet' },
      { platform: 'solana', kind: 'wallet' },
      { platform: 'keybase', kind: 'post' },
      { platform: 'discord', kind: 'post' },
      { platform: 'dotbit', kind: 'post' },
      { platform: 'minds', kind: 'post' },
      { platform: 'dns', kind: 'post' },
      { platform: 'steam', kind: 'post' },
      { platform: 'activitypub', kind: 'post' },
    ])
  })

  it('offers only what the service lists: nothing it cannot verify, nothing unknown, no duplicates', () => {
    expect(bindablePlatforms(['dns', 'dns', 'nextid', 'tiktok', '__proto__'])).toEqual([
      { platform: 'dns', kind: 'post' },
    ])
    expect(bindablePlatforms([])).toEqual([])
  })
})
