import { describe, expect, it } from 'vitest'
import type { PendingApproval } from '../../messaging/catalogue.js'
import { countFromOrigin, originParts, pickShown, positionOf, sortOldestFirst } from './approval-queue.js'

const request = (id: string, requestedAt: number, origin = 'https://dapp.example'): PendingApproval => ({
  id,
  origin,
  kind: 'connect',
  requestedAt,
  avatarId: '0x02aa',
})
const queue = [request('b', 20), request('a', 10, 'https://other.example'), request('c', 30)]

describe('approval queue', () => {
  it('sorts oldest first without touching the input', () => {
    expect(sortOldestFirst(queue).map((r) => r.id)).toEqual(['a', 'b', 'c'])
    expect(queue.map((r) => r.id)).toEqual(['b', 'a', 'c'])
  })
  it('keeps showing the request on screen while it is pending, else the oldest', () => {
    expect(pickShown(queue, 'c')?.id).toBe('c')
    expect(pickShown(queue, 'gone')?.id).toBe('a')
    expect(pickShown(queue, undefined)?.id).toBe('a')
    expect(pickShown([], 'a')).toBeUndefined()
  })
  it('says "n of m"', () => {
    expect(positionOf(queue, 'b')).toEqual({ position: 2, total: 3 })
    expect(positionOf(queue, 'a')).toEqual({ position: 1, total: 3 })
  })
  it('counts the requests of one origin', () => {
    expect(countFromOrigin(queue, 'https://dapp.example')).toBe(2)
    expect(countFromOrigin(queue, 'https://other.example')).toBe(1)
    expect(countFromOrigin(queue, 'https://dapp.example.evil')).toBe(0)
  })
})

describe('originParts', () => {
  it('splits scheme and host, keeping punycode and ports as they are', () => {
    expect(originParts('https://dapp.example')).toEqual({ scheme: 'https://', host: 'dapp.example', insecure: false })
    expect(originParts('https://xn--80ak6aa92e.com:8443')).toEqual({
      scheme: 'https://',
      host: 'xn--80ak6aa92e.com:8443',
      insecure: false,
    })
  })
  it('flags plain http except to this machine', () => {
    expect(originParts('http://dapp.example').insecure).toBe(true)
    expect(originParts('http://localhost:5173').insecure).toBe(false)
    expect(originParts('http://127.0.0.1:8080').insecure).toBe(false)
  })
  it('shows anything unexpected whole', () => {
    expect(originParts('null')).toEqual({ scheme: '', host: 'null', insecure: false })
  })
})
