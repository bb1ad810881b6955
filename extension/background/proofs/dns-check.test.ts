/**
 * "Check DNS now" against the platform simulator's resolver, which answers in Cloudflare's
 * DNS-over-HTTPS JSON (presentation-form TXT data, NXDOMAIN as Status 3, HTTP 400 for a bad query).
 */
import { beforeEach, describe, expect, it } from 'vitest'
import type { DnsState } from '../../../test/platform-simulator/doh.js'
import { createDohSimulator } from '../../../test/platform-simulator/doh.js'
import { checkDnsRecord } from './dns-check.js'

const DOMAIN = 'alice.example'
const RESOLVER = 'https://resolver.test/dns-query'
const SIG = Buffer.alloc(65, 7).toString('base64')
const OTHER_SIG = Buffer.alloc(65, 9).toString('base64')
const record = (uuid: string, sig = SIG) => `ps:true;v:1;sig:${sig};ca:1700000000;uuid:${uuid};prev:null`
const THIS_UUID = '2f0e1d3c-4b5a-4978-8695-a4b3c2d1e0f9'
const OLD_UUID = '11111111-2222-4333-8444-555555555555'

let dns: DnsState
let check: (expected?: string) => ReturnType<typeof checkDnsRecord>

beforeEach(() => {
  const simulator = createDohSimulator()
  dns = simulator.state
  const fetch = async (input: string, init?: RequestInit) => {
    const url = new URL(input)
    return simulator.app.request(url.pathname + url.search, init)
  }
  check = (expected = record(THIS_UUID)) => checkDnsRecord(RESOLVER, DOMAIN, expected, fetch)
})

describe('checkDnsRecord', () => {
  it('finds the record among others, however the provider split it', async () => {
    dns.addTxt(DOMAIN, 'v=spf1 -all')
    const text = record(THIS_UUID)
    dns.addTxt(DOMAIN, text.slice(0, 40), text.slice(40))
    expect(await check()).toEqual({
      resolver: 'resolver.test',
      domain: DOMAIN,
      outcome: 'found',
      records: ['v=spf1 -all', text],
      olderProofs: 0,
    })
    expect(dns.requests).toEqual([`?name=${DOMAIN}&type=TXT`])
  })

  it('is not there yet: lists what is, counting proofs of other attempts', async () => {
    dns.addTxt(DOMAIN, record(OLD_UUID))
    dns.addTxt(DOMAIN, record(THIS_UUID, OTHER_SIG)) // this uuid, someone else's signature
    expect(await check()).toMatchObject({
      outcome: 'not-yet',
      records: [record(OLD_UUID), record(THIS_UUID, OTHER_SIG)],
      olderProofs: 1,
    })
  })

  it('a domain without records, one that does not exist, and a resolver that fails', async () => {
    dns.addDomain(DOMAIN)
    expect(await check()).toMatchObject({ outcome: 'not-yet', records: [], olderProofs: 0 })
    dns.removeDomain(DOMAIN)
    expect(await check()).toMatchObject({ outcome: 'no-domain', records: [] })
    dns.failWithRcode = 2
    expect(await check()).toMatchObject({ outcome: 'lookup-failed', rcode: 2 })
    dns.failWithRcode = null
    dns.failWithStatus = 503
    await expect(check()).rejects.toMatchObject({ code: 'SERVICE_ERROR' })
  })

  it('shows a bounded list whatever the resolver sends', async () => {
    for (let i = 0; i < 30; i++) dns.addTxt(DOMAIN, `${i}-${'x'.repeat(250)}`, 'y'.repeat(250), 'z'.repeat(250))
    const result = await check()
    expect(result.records).toHaveLength(20)
    expect(Math.max(...result.records.map((text) => text.length))).toBe(600)
  })
})
