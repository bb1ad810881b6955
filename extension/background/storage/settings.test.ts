import { describe, expect, it } from 'vitest'
import { InvalidInputError } from '../../../src/errors.js'
import { ENDPOINT_PRESETS } from '../../messaging/service-endpoints.js'
import {
  applySettingsPatch,
  createSettingsStore,
  DEFAULT_SETTINGS,
  parseServiceUrl,
  parseSettings,
  readStoredSettings,
  SETTINGS_KEY,
} from './settings.js'
import { createMemoryStore } from './storage-ports.js'

describe('parseServiceUrl', () => {
  it.each([
    ['https://proof-service.next.id/', 'https://proof-service.next.id'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['  https://example.com/prefix///  ', 'https://example.com/prefix'],
    ['HTTPS://Example.COM/Api/', 'https://example.com/Api'],
  ])('accepts %s', (input, expected) => {
    expect(parseServiceUrl(input, 'url')).toBe(expected)
  })

  it.each([
    ['not a url', '"url" is not a URL'],
    ['ftp://example.com', '"url" must be an http or https URL, got ftp:'],
    ['javascript:alert(1)', '"url" must be an http or https URL, got javascript:'],
    ['https://user:pw@example.com', '"url" must not contain credentials'],
    ['https://example.com/?a=1', '"url" must not have a query or fragment'],
    ['https://example.com/#x', '"url" must not have a query or fragment'],
  ])('refuses %s', (input, message) => {
    expect(() => parseServiceUrl(input, 'url')).toThrow(InvalidInputError)
    expect(() => parseServiceUrl(input, 'url')).toThrow(message)
  })

  it('refuses a non-string', () => {
    expect(() => parseServiceUrl(42, 'url')).toThrow('"url" expected string, got number')
  })
})

describe('applySettingsPatch', () => {
  it('defaults to Next.ID production, 15 minutes and Cloudflare’s resolver', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      endpoints: ENDPOINT_PRESETS.production,
      autoLockMinutes: 15,
      dnsResolverUrl: 'https://cloudflare-dns.com/dns-query',
    })
  })

  it('applies endpoints, minutes and the resolver, normalising URLs', () => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, {
      endpoints: { proofServiceUrl: 'http://127.0.0.1:8787/', kvServiceUrl: 'http://127.0.0.1:8788/' },
      autoLockMinutes: 1440,
      dnsResolverUrl: 'https://dns.google/resolve/',
    })
    expect(next).toEqual({
      endpoints: ENDPOINT_PRESETS.local,
      autoLockMinutes: 1440,
      dnsResolverUrl: 'https://dns.google/resolve',
    })
  })

  it('leaves fields out of the patch unchanged', () => {
    expect(applySettingsPatch(DEFAULT_SETTINGS, { autoLockMinutes: 1 }).endpoints).toEqual(DEFAULT_SETTINGS.endpoints)
  })

  it.each([
    [{ autoLockMinutes: 0 }, '"settings.autoLockMinutes" expected 1..1440, got 0'],
    [{ autoLockMinutes: 1441 }, '"settings.autoLockMinutes" expected 1..1440, got 1441'],
    [{ autoLockMinutes: 1.5 }, '"settings.autoLockMinutes" expected an integer, got number'],
    [{ theme: 'dark' }, '"settings.theme" is not a known setting'],
    [{ dnsResolverUrl: 'https://dns.example/q?name=x' }, '"settings.dnsResolverUrl" must not have a query or fragment'],
    [{ dnsResolverUrl: 'ftp://dns.example' }, '"settings.dnsResolverUrl" must be an http or https URL, got ftp:'],
    [
      { endpoints: { proofServiceUrl: 'https://a.example' } },
      '"settings.endpoints.kvServiceUrl" expected string, got undefined',
    ],
    [null, '"settings" expected an object, got null'],
  ])('refuses %j', (patch, message) => {
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, patch)).toThrow(message)
  })
})

describe('parseSettings', () => {
  it('takes a whole settings value, checked and normalised as a patch is', () => {
    const whole = {
      endpoints: { ...ENDPOINT_PRESETS.local, kvServiceUrl: 'http://127.0.0.1:8788/' },
      autoLockMinutes: 5,
    }
    // A backup from before the DNS resolver setting: the resolver takes its default.
    expect(parseSettings(whole)).toEqual({ ...DEFAULT_SETTINGS, endpoints: ENDPOINT_PRESETS.local, autoLockMinutes: 5 })
    expect(parseSettings({ ...whole, dnsResolverUrl: 'https://dns.google/resolve/' }).dnsResolverUrl).toBe(
      'https://dns.google/resolve',
    )
  })

  it.each([
    [{ autoLockMinutes: 5 }, '"settings.endpoints" is missing'],
    [{ endpoints: ENDPOINT_PRESETS.local }, '"settings.autoLockMinutes" is missing'],
    [{ endpoints: ENDPOINT_PRESETS.local, autoLockMinutes: 0 }, '"settings.autoLockMinutes" expected 1..1440, got 0'],
    [
      { endpoints: { ...ENDPOINT_PRESETS.local, proofServiceUrl: 'javascript:alert(1)' }, autoLockMinutes: 5 },
      '"settings.endpoints.proofServiceUrl" must be an http or https URL, got javascript:',
    ],
    [
      { endpoints: ENDPOINT_PRESETS.local, autoLockMinutes: 5, theme: 'dark' },
      '"settings.theme" is not a known setting',
    ],
    ['dark', '"settings" expected an object, got string'],
  ])('refuses %j', (value, message) => {
    expect(() => parseSettings(value)).toThrow(message)
  })
})

describe('stored settings', () => {
  it('falls back per field when the stored value is damaged', () => {
    expect(readStoredSettings('garbage')).toEqual(DEFAULT_SETTINGS)
    expect(
      readStoredSettings({ endpoints: ENDPOINT_PRESETS.staging, autoLockMinutes: -3, dnsResolverUrl: 'javascript:x' }),
    ).toEqual({ ...DEFAULT_SETTINGS, endpoints: ENDPOINT_PRESETS.staging })
    // Settings stored before the resolver existed keep the rest and take the default resolver.
    expect(readStoredSettings({ endpoints: ENDPOINT_PRESETS.local, autoLockMinutes: 30 })).toEqual({
      ...DEFAULT_SETTINGS,
      endpoints: ENDPOINT_PRESETS.local,
      autoLockMinutes: 30,
    })
  })

  it('stores a checked update and leaves the store alone on a bad one', async () => {
    const store = createMemoryStore()
    const settings = createSettingsStore(store)
    await settings.update({ autoLockMinutes: 5 })
    expect(store.data.get(SETTINGS_KEY)).toEqual({ ...DEFAULT_SETTINGS, autoLockMinutes: 5 })
    await expect(settings.update({ autoLockMinutes: 0 })).rejects.toThrow(InvalidInputError)
    expect((await settings.get()).autoLockMinutes).toBe(5)
  })
})
