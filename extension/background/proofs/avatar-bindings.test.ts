import { describe, expect, it } from 'vitest'
import { avatarId, getPublicKey, hexToBytes } from '../../../src/crypto/index.js'
import { fetchAvatarBindings, STALE_AFTER_SECONDS } from './avatar-bindings.js'

const AVATAR = avatarId(getPublicKey(hexToBytes('11'.repeat(32), 'key')))
const CHECKED = 1_700_000_000

// ProofService's §4.6 answer, in its wire format.
const ANSWER = JSON.stringify({
  pagination: { total: 2, per: 40, current: 1, next: 0 },
  ids: [
    {
      avatar: AVATAR,
      persona: AVATAR,
      alias: [],
      last_arweave_id: '',
      activated_at: String(CHECKED),
      proofs: [
        {
          platform: 'github',
          identity: 'alice',
          alt_id: '',
          created_at: String(CHECKED - 10),
          last_checked_at: String(CHECKED),
          is_valid: true,
          invalid_reason: '',
        },
        {
          platform: 'ethereum',
          identity: '0xabc',
          alt_id: '',
          created_at: String(CHECKED - 10),
          last_checked_at: String(CHECKED - STALE_AFTER_SECONDS - 1),
          is_valid: false,
          invalid_reason: 'gone',
        },
      ],
    },
  ],
})

describe('fetchAvatarBindings', () => {
  it('asks the configured ProofService for platform=nextid and flags stale reports', async () => {
    const urls: string[] = []
    const fetch = async (url: string) => {
      urls.push(url)
      return new Response(ANSWER, { status: 200, headers: { 'content-type': 'application/json' } })
    }
    const bindings = await fetchAvatarBindings('http://127.0.0.1:8787', AVATAR, fetch, CHECKED * 1000)
    expect(urls).toEqual([`http://127.0.0.1:8787/v1/proof?identity=${AVATAR}&platform=nextid&exact=true`])
    expect(bindings).toEqual([
      {
        platform: 'github',
        identity: 'alice',
        altId: '',
        isValid: true,
        invalidReason: '',
        createdAt: CHECKED - 10,
        lastCheckedAt: CHECKED,
        isStale: false,
      },
      {
        platform: 'ethereum',
        identity: '0xabc',
        altId: '',
        isValid: false,
        invalidReason: 'gone',
        createdAt: CHECKED - 10,
        lastCheckedAt: CHECKED - STALE_AFTER_SECONDS - 1,
        isStale: true,
      },
    ])
  })

  it('is an empty list for an avatar without bindings, and a SERVICE_ERROR for a 4xx', async () => {
    const empty = async () => new Response('{"pagination":{"total":0,"per":40,"current":1,"next":0},"ids":[]}')
    expect(await fetchAvatarBindings('http://x.example', AVATAR, empty, 0)).toEqual([])
    const refused = async () => new Response('{"message":"bad request"}', { status: 400 })
    await expect(fetchAvatarBindings('http://x.example', AVATAR, refused, 0)).rejects.toMatchObject({
      code: 'SERVICE_ERROR',
      message: 'service answered 400: bad request',
    })
  })
})
