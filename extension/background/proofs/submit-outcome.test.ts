import { describe, expect, it } from 'vitest'
import {
  InvalidInputError,
  InvalidResponseError,
  NetworkError,
  ServiceError,
  TimeoutError,
} from '../../../src/errors.js'
import { classifySubmitError, DEFAULT_RETRY_DELAYS_MS, nextRetryDelay } from './submit-outcome.js'

describe('classifySubmitError', () => {
  it('keeps any 4xx as a refusal with the words only to quote, whatever they say', () => {
    for (const message of [
      'tweet not found: 123',
      'bad signature',
      "bad signature: the avatar's proof chain changed; request a new payload",
      'tweet is not sent by this account.',
      '',
    ]) {
      expect(classifySubmitError(new ServiceError(400, message))).toEqual({ kind: 'refused', serviceMessage: message })
    }
    expect(classifySubmitError(new ServiceError(404, 'x'))).toEqual({ kind: 'refused', serviceMessage: 'x' })
  })

  it('treats no answer, 5xx, 408, 429 and a broken 2xx as an outage to wait out', () => {
    expect(classifySubmitError(new NetworkError('http://x', new TypeError('Failed to fetch')))).toEqual({
      kind: 'outage',
      httpStatus: null,
    })
    expect(classifySubmitError(new TimeoutError('http://x', 10))).toEqual({ kind: 'outage', httpStatus: null })
    expect(classifySubmitError(new InvalidResponseError('http://x', 'not JSON'))).toEqual({
      kind: 'outage',
      httpStatus: null,
    })
    for (const status of [500, 502, 503, 408, 429]) {
      expect(classifySubmitError(new ServiceError(status, 'oops'))).toEqual({ kind: 'outage', httpStatus: status })
    }
  })

  it('names our own failures by their code', () => {
    expect(classifySubmitError(new InvalidInputError('signature', 'bad'))).toEqual({
      kind: 'internal',
      errorCode: 'INVALID_INPUT',
    })
    expect(classifySubmitError(new Error('boom'))).toEqual({ kind: 'internal', errorCode: 'INTERNAL' })
  })
})

describe('nextRetryDelay', () => {
  it('doubles from 5 s and settles at 5 minutes, never giving up by itself', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 100].map((attempts) => nextRetryDelay(attempts))
    expect(waits).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000])
    expect(Math.max(...DEFAULT_RETRY_DELAYS_MS)).toBe(300_000)
  })

  it('follows a schedule given for tests, its last wait repeating', () => {
    expect(nextRetryDelay(0, [5, 10])).toBe(5)
    expect(nextRetryDelay(1, [5, 10])).toBe(5)
    expect(nextRetryDelay(2, [5, 10])).toBe(10)
    expect(nextRetryDelay(9, [5, 10])).toBe(10)
  })
})
