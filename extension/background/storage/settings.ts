/**
 * Settings (the extension's IndexedDB, out of content scripts' reach): the service endpoints, the
 * auto-lock time and the DNS resolver. Patches from the popup are checked strictly; a damaged stored
 * value falls back to the default for that field, so a bad write can never lock the user out of the
 * settings screen.
 */
import { InvalidInputError } from '../../../src/errors.js'
import { requireInteger, requirePlainObject, requireString } from '../../../src/input.js'
import type { ServiceEndpoints, Settings } from '../../messaging/catalogue.js'
import {
  checkServiceUrl,
  DEFAULT_DNS_RESOLVER_URL,
  ENDPOINT_PRESETS,
  type UrlProblem,
} from '../../messaging/service-endpoints.js'

export const SETTINGS_KEY = 'settings'
export const MIN_AUTO_LOCK_MINUTES = 1
export const MAX_AUTO_LOCK_MINUTES = 1440

export const DEFAULT_SETTINGS: Settings = {
  endpoints: { ...ENDPOINT_PRESETS.production },
  autoLockMinutes: 15,
  dnsResolverUrl: DEFAULT_DNS_RESOLVER_URL,
}

const SETTING_NAMES = new Set(Object.keys(DEFAULT_SETTINGS))

const URL_PROBLEMS: Record<Exclude<UrlProblem, 'scheme'>, string> = {
  empty: 'is not a URL',
  'not-a-url': 'is not a URL',
  credentials: 'must not contain credentials',
  query: 'must not have a query or fragment',
}

/** Checks a service URL (messaging/service-endpoints.ts); returns it without a trailing slash. */
export function parseServiceUrl(value: unknown, field: string): string {
  const text = requireString(value, field)
  const checked = checkServiceUrl(text)
  if (checked.ok) return checked.url
  if (checked.problem === 'scheme') {
    throw new InvalidInputError(field, `must be an http or https URL, got ${new URL(text.trim()).protocol}`)
  }
  throw new InvalidInputError(field, URL_PROBLEMS[checked.problem])
}

/** Checks a settings patch from the popup and applies it to `current`. */
export function applySettingsPatch(current: Settings, patch: unknown): Settings {
  const fields = requirePlainObject(patch, 'settings')
  const unknown = Object.keys(fields).find((name) => !SETTING_NAMES.has(name))
  if (unknown !== undefined) throw new InvalidInputError(`settings.${unknown.slice(0, 40)}`, 'is not a known setting')
  const next: Settings = { ...current, endpoints: { ...current.endpoints } }
  if (fields.endpoints !== undefined) next.endpoints = parseEndpoints(fields.endpoints)
  if (fields.dnsResolverUrl !== undefined) {
    next.dnsResolverUrl = parseServiceUrl(fields.dnsResolverUrl, 'settings.dnsResolverUrl')
  }
  if (fields.autoLockMinutes !== undefined) {
    next.autoLockMinutes = requireInteger(
      fields.autoLockMinutes,
      'settings.autoLockMinutes',
      MIN_AUTO_LOCK_MINUTES,
      MAX_AUTO_LOCK_MINUTES,
    )
  }
  return next
}

/**
 * A whole Settings value (a backup file's): endpoints and auto-lock present, each checked as a
 * patch's is; the DNS resolver, newer than the first backups, takes its default when absent.
 */
export function parseSettings(value: unknown): Settings {
  const fields = requirePlainObject(value, 'settings')
  const missing = ['endpoints', 'autoLockMinutes'].find((name) => fields[name] === undefined)
  if (missing !== undefined) throw new InvalidInputError(`settings.${missing}`, 'is missing')
  return applySettingsPatch(DEFAULT_SETTINGS, fields)
}

/** The records a Settings value is stored as, for a write together with others (RecordStore.setMany). */
export const settingsEntry = (settings: Settings) => ({ [SETTINGS_KEY]: settings })

function parseEndpoints(value: unknown): ServiceEndpoints {
  const endpoints = requirePlainObject(value, 'settings.endpoints')
  return {
    proofServiceUrl: parseServiceUrl(endpoints.proofServiceUrl, 'settings.endpoints.proofServiceUrl'),
    kvServiceUrl: parseServiceUrl(endpoints.kvServiceUrl, 'settings.endpoints.kvServiceUrl'),
  }
}

/** Reads stored settings; each damaged or missing field takes its default. */
export function readStoredSettings(value: unknown): Settings {
  const settings: Settings = { ...DEFAULT_SETTINGS, endpoints: { ...DEFAULT_SETTINGS.endpoints } }
  if (typeof value !== 'object' || value === null) return settings
  const stored = value as Record<string, unknown>
  try {
    settings.endpoints = parseEndpoints(stored.endpoints)
  } catch {}
  try {
    settings.autoLockMinutes = applySettingsPatch(settings, { autoLockMinutes: stored.autoLockMinutes }).autoLockMinutes
  } catch {}
  try {
    settings.dnsResolverUrl = parseServiceUrl(stored.dnsResolverUrl, 'settings.dnsResolverUrl')
  } catch {}
  return settings
}

/** Settings behind a store (the extension's IndexedDB, moved-store.ts). */
export type SettingsStore = {
  get(): Promise<Settings>
  update(patch: unknown): Promise<Settings>
}

/** A SettingsStore over a record store. */
export function createSettingsStore(store: {
  get(key: string): Promise<unknown>
  set(key: string, value: unknown): Promise<void>
}): SettingsStore {
  const get = async () => readStoredSettings(await store.get(SETTINGS_KEY))
  return {
    get,
    async update(patch) {
      const next = applySettingsPatch(await get(), patch)
      await store.set(SETTINGS_KEY, next)
      return next
    },
  }
}
