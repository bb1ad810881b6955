import { describe, expect, it } from 'vitest'
import { NetworkError, ServiceError, TimeoutError } from '../../../src/errors.js'
import { classifySubmitError, DEFAULT_RETRY_DELAYS_MS, nextRetryDelay } from './submit-outcome.js'

describe('classifySubmitError', () => {
  it('treats a post, file or record the platform does not show yet as not visible', () => {
    for (const message of [
      'tweet not found: 123',
      'gist not found: abc',
      'keybase file not found: NextID/0x02.json of alice',
      'no Next.ID TXT record for uuid 5c5a1d7e-3f3b-4c42-9a3e-6a1f2d3c4b5a at example.com',
      'discord message not found: 1/2',
      'twitter did not answer within 5000 ms',
    ]) {
      expect(classifySubmitError(new ServiceError(400, message))).toEqual({ kind: 'not-visible', reason: message })
    }
  })

  it('recognises the moved chain (§5.4)', () => {
    const message = "bad signature: the avatar's proof chain changed; request a new payload"
    expect(classifySubmitError(new ServiceError(400, message))).toEqual({ kind: 'chain-moved', reason: message })
  })

  it('names hard failures in words', () => {
    expect(
      classifySubmitError(new ServiceError(400, 'post is not sent by this account: expected bob, got alice')),
    ).toEqual({
      kind: 'failed',
      reason: 'wrong account: post is not sent by this account: expected bob, got alice',
    })
    expect(classifySubmitError(new ServiceError(400, 'bad signature: recovered another key'))).toEqual({
      kind: 'failed',
      reason: 'signature mismatch: bad signature: recovered another key',
    })
    expect(classifySubmitError(new NetworkError('http://x', new Error('ECONNREFUSED')))).toEqual({
      kind: 'failed',
      reason: 'service down: request to http://x failed: ECONNREFUSED',
    })
    expect(classifySubmitError(new TimeoutError('http://x', 10)).reason).toBe(
      'service down: request to http://x timed out after 10 ms',
    )
    expect(classifySubmitError(new ServiceError(503, 'oops')).reason).toBe('service down: service answered 503: oops')
  })
})

describe('nextRetryDelay', () => {
  it('doubles from 2 s and gives up after about two minutes', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7].map((attempts) => nextRetryDelay(attempts))
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000, undefined])
    const total = DEFAULT_RETRY_DELAYS_MS.reduce((sum, wait) => sum + wait, 0)
    expect(total).toBeGreaterThanOrEqual(120_000)
    expect(total).toBeLessThanOrEqual(130_000)
  })

  it('follows a schedule given for tests, and never waits before a first miss', () => {
    expect(nextRetryDelay(0, [5, 10])).toBeUndefined()
    expect(nextRetryDelay(1, [5, 10])).toBe(5)
    expect(nextRetryDelay(2, [5, 10])).toBe(10)
    expect(nextRetryDelay(3, [5, 10])).toBeUndefined()
  })
})
