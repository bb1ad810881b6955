import { describe, expect, it } from 'vitest'
import type { KvServiceClient } from '../../../src/client/index.js'
import { buildKvSignPayload } from '../../../src/protocol/index.js'
import { TEST_AVATAR } from '../../../test/support/src/protocol/test-keys.js'
import { requestKvPayload } from './kv-payload-request.js'

const UUID = '5c5a1d7e-3f3b-4c42-9a3e-6a1f2d3c4b5a'

/** A KVService whose payload writes `written` whatever it was asked (a hostile endpoint, when they differ). */
function serviceWriting(written: { platform: 'twitter' | 'nextid'; identity: string }): KvServiceClient {
  const signPayload = buildKvSignPayload({
    uuid: UUID,
    avatar: TEST_AVATAR,
    ...written,
    patch: { a: 1 },
    createdAt: 1_700_000_000,
    previous: null,
  })
  return {
    createKvPayload: async () => ({ uuid: UUID, signPayload, createdAt: 1_700_000_000 }),
  } as unknown as KvServiceClient
}

describe('requestKvPayload', () => {
  it('hands out a payload that writes exactly where it was asked, said in words', async () => {
    const request = { avatar: TEST_AVATAR, platform: 'twitter' as const, identity: 'alice', patch: { a: 1 } }
    const { description } = await requestKvPayload(serviceWriting({ platform: 'twitter', identity: 'alice' }), request)
    expect(description).toMatchObject({ avatar: TEST_AVATAR, platform: 'twitter', identity: 'alice', sets: ['a'] })
  })

  it('refuses a payload for another identity or platform before anything is signed', async () => {
    const request = { avatar: TEST_AVATAR, platform: 'twitter' as const, identity: 'alice', patch: { a: 1 } }
    for (const written of [
      { platform: 'twitter', identity: 'mallory' },
      { platform: 'nextid', identity: 'alice' },
    ] as const) {
      await expect(requestKvPayload(serviceWriting(written), request)).rejects.toMatchObject({
        code: 'PAYLOAD_MISMATCH',
      })
    }
  })
})
