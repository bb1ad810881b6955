import { describe, expect, it } from 'vitest'
import { readBuildInfo } from './build-info.js'

describe('readBuildInfo', () => {
  it('takes GIT_REVISION and BUILT_AT from the environment when set', () => {
    expect(readBuildInfo({ GIT_REVISION: 'abc123', BUILT_AT: '1700000000' })).toEqual({
      revision: 'abc123',
      builtAt: '1700000000',
    })
  })

  it('falls back to the checkout (or "unknown") and the start time in unix seconds', () => {
    const info = readBuildInfo({ BUILT_AT: 'yesterday' }, new Date('2024-01-01T00:00:05.900Z'))
    expect(info.builtAt).toBe('1704067205')
    expect(info.revision).toMatch(/^([0-9a-f]{40}|unknown)$/)
  })
})
