import { describe, expect, it } from 'vitest'
import type { ConnectedSite } from '../../messaging/catalogue.js'
import { sitesAfterMerge } from './backup-merge.js'

const HERE = `0x02${'01'.repeat(32)}`
const ADDED = `0x02${'02'.repeat(32)}`
const PRESENT = `0x02${'03'.repeat(32)}`
const GONE = `0x02${'04'.repeat(32)}`
const site = (origin: string, avatarId: string, grantedAt = 1): ConnectedSite => ({ origin, avatarId, grantedAt })

describe('sitesAfterMerge', () => {
  const inVault = new Map([
    [HERE, 'Mine'],
    [PRESENT, 'Both'],
  ])
  const adding = new Set([ADDED])

  it('takes a backup’s site for an added avatar where the origin sees no avatar of this vault', () => {
    const current = [site('https://kept.example', HERE), site('https://stale.example', GONE)]
    const fromBackup = [
      site('https://new.example', ADDED, 2),
      site('https://kept.example', ADDED, 2),
      site('https://stale.example', ADDED, 2),
      site('https://other.example', PRESENT, 2),
    ]
    const { all, added } = sitesAfterMerge(current, fromBackup, adding, inVault)
    expect(added).toEqual([site('https://new.example', ADDED, 2), site('https://stale.example', ADDED, 2)])
    expect(all).toEqual([
      site('https://kept.example', HERE),
      site('https://stale.example', ADDED, 2),
      site('https://new.example', ADDED, 2),
    ])
  })

  it('adds nothing when the backup has no sites for the added avatars', () => {
    const current = [site('https://kept.example', HERE)]
    expect(sitesAfterMerge(current, [site('https://x.example', PRESENT)], adding, inVault)).toEqual({
      all: current,
      added: [],
    })
  })
})
