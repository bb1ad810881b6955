import { describe, expect, it } from 'vitest'
import { createRecordingLogger, createTestApp } from '../../test/support/server/http/test-app.js'
import { createLogger } from './logger.js'

describe('createLogger', () => {
  it('writes one JSON line per event at or above its level', () => {
    const lines: string[] = []
    const logger = createLogger({
      level: 'warn',
      service: 'kv-service',
      write: (line) => lines.push(line),
      now: () => new Date('2024-05-06T07:08:09.010Z'),
    })
    logger.info('hidden')
    logger.warn('shown', { attempt: 2 })
    logger.forService('server').error('also shown')
    expect(lines).toEqual([
      '{"time":"2024-05-06T07:08:09.010Z","level":"warn","service":"kv-service","message":"shown","attempt":2}',
      '{"time":"2024-05-06T07:08:09.010Z","level":"error","service":"server","message":"also shown"}',
    ])
  })

  it('writes nothing at level silent', () => {
    const lines: string[] = []
    const logger = createLogger({ level: 'silent', service: 's', write: (line) => lines.push(line) })
    logger.error('x')
    logger.log('error', { status: 500 })
    expect(lines).toEqual([])
  })
})

describe('requestLog', () => {
  it('logs method, path (without the query), status and ms; 5xx at level error', async () => {
    const logger = createRecordingLogger('proof-service')
    const app = createTestApp({ notFound: 'json', logger })
    await app.request('/ok?identity=alice')
    await app.request('/http-error')
    await app.request('/crash')
    const requests = logger.lines.filter((line) => 'status' in line)
    expect(requests.map(({ time, ms, ...rest }) => rest)).toEqual([
      { level: 'info', service: 'proof-service', method: 'GET', path: '/ok', status: 200 },
      { level: 'info', service: 'proof-service', method: 'GET', path: '/http-error', status: 409 },
      { level: 'error', service: 'proof-service', method: 'GET', path: '/crash', status: 500 },
    ])
    for (const line of requests) {
      expect(Object.keys(line)).toEqual(['time', 'level', 'service', 'method', 'path', 'status', 'ms'])
      expect(line.ms).toEqual(expect.any(Number))
      expect(Number.isNaN(Date.parse(String(line.time)))).toBe(false)
    }
  })
})
