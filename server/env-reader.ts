/**
 * Typed reads of environment variables for loadConfig. An empty value counts as unset (Docker and
 * systemd env files often leave them so), and a bad value is recorded in `problems` and replaced
 * by the default, so every problem can be reported at once.
 */
import { isIP } from 'node:net'

export type Env = Readonly<Record<string, string | undefined>>

export class EnvReader {
  readonly problems: string[] = []
  readonly #env: Env

  constructor(env: Env) {
    this.#env = env
  }

  /** Any text, or the default. */
  text(name: string, fallback: string): string {
    return this.#get(name) ?? fallback
  }

  /** A token or password: never echoed, null when unset. */
  secret(name: string): string | null {
    return this.#get(name) ?? null
  }

  /** A TCP port 0..65535 (0 = any free port), or null for `off`. */
  port(name: string, fallback: number): number | null {
    const value = this.#get(name)
    if (value === undefined) return fallback
    if (value.toLowerCase() === 'off') return null
    const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN
    return port <= 65_535 ? port : this.#fail(name, 'a port number 0..65535 or "off"', fallback)
  }

  positiveInteger(name: string, fallback: number): number {
    const value = this.#get(name)
    if (value === undefined) return fallback
    const number = /^\d{1,15}$/.test(value) ? Number(value) : 0
    return number > 0 ? number : this.#fail(name, 'a positive integer', fallback)
  }

  /** `true`/`false` (also 1/0, yes/no), or the default. */
  flag(name: string, fallback: boolean): boolean {
    const value = this.#get(name)?.toLowerCase()
    if (value === undefined) return fallback
    if (['true', '1', 'yes'].includes(value)) return true
    if (['false', '0', 'no'].includes(value)) return false
    return this.#fail(name, 'true or false', fallback)
  }

  /** An IPv4 or IPv6 address, or null when unset. */
  optionalAddress(name: string): string | null {
    const value = this.#get(name)
    if (value === undefined) return null
    return isIP(value) === 0 ? this.#fail(name, 'an IP address', null) : value
  }

  /** A positive integer, or null for `off`. */
  positiveIntegerOrOff(name: string, fallback: number): number | null {
    if (this.#get(name)?.toLowerCase() === 'off') return null
    return this.positiveInteger(name, fallback)
  }

  /** One of `allowed`, case-insensitively. */
  oneOf<const T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.#get(name)?.toLowerCase()
    if (value === undefined) return fallback
    if ((allowed as readonly string[]).includes(value)) return value as T
    return this.#fail(name, `one of ${allowed.join(', ')}`, fallback)
  }

  /** An http(s) base URL without trailing slashes, so callers append `/path`. */
  url(name: string, fallback: string): string {
    return this.optionalUrl(name) ?? fallback
  }

  optionalUrl(name: string): string | null {
    const value = this.#get(name)
    if (value === undefined) return null
    return isHttpUrl(value) ? stripTrailingSlash(value) : this.#fail(name, 'an http(s) URL', null)
  }

  /** A URL with a placeholder (`{username}` unless told otherwise). */
  urlTemplate(name: string, fallback: string, placeholder = '{username}'): string {
    const value = this.#get(name)
    if (value === undefined) return fallback
    const valid = value.includes(placeholder) && isHttpUrl(value.replaceAll(placeholder, 'alice'))
    return valid ? stripTrailingSlash(value) : this.#fail(name, `an http(s) URL containing ${placeholder}`, fallback)
  }

  /** A postgres:// or postgresql:// URL, or null when unset. Never echoed: it may carry a password. */
  databaseUrl(name: string): string | null {
    const value = this.#get(name)
    if (value === undefined) return null
    if (/^postgres(ql)?:$/.test(parseUrl(value)?.protocol ?? '')) return value
    return this.#fail(name, 'a postgres:// or postgresql:// URL', null, false)
  }

  #get(name: string): string | undefined {
    const value = this.#env[name]?.trim()
    return value === undefined || value === '' ? undefined : value
  }

  #fail<T>(name: string, expected: string, fallback: T, echo = true): T {
    this.problems.push(`${name} expected ${expected}${echo ? `, got ${JSON.stringify(this.#env[name])}` : ''}`)
    return fallback
  }
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value)
  } catch {
    return null
  }
}

function isHttpUrl(value: string): boolean {
  const url = parseUrl(value)
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
}

function stripTrailingSlash(value: string): string {
  return value.replace(/\/+$/, '')
}
