/**
 * Runs in: tests (Node). Steam community profile XML (`/profiles/<SteamID64>/?xml=1` and
 * `/id/<customURL>/?xml=1`) in its real wire format (platforms.md §3.8, sample
 * `NextDotID/proof_server:validator/steam/test_76561198092541763.xml`): CDATA fields, the summary
 * as HTML with `<br>` line breaks, and `<response><error>` (HTTP 200) for a missing profile.
 */
import { type Context, Hono } from 'hono'
import type { SimulatedPlatform } from './simulated-platform.js'

export type SimulatedSteamProfile = {
  steamId64: string
  /** The vanity name in `/id/<customURL>`, original case; `""` when the user has none. */
  customUrl: string
  personaName: string
  /** Plain text; newlines are served as `<br>` as Steam renders them. */
  summary: string
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'

/** The profiles tests create on the simulated Steam, and its failure switches. */
export class SteamState {
  /** When on, every request gets 429. */
  rateLimited = false
  /** When on, every request gets 503. */
  down = false
  /** Paths (with query) of the requests received, oldest first. */
  readonly requests: string[] = []
  readonly #profiles = new Map<string, SimulatedSteamProfile>()

  /** Creates (or replaces) a profile. */
  setProfile(profile: SimulatedSteamProfile): void {
    this.#profiles.set(profile.steamId64, { ...profile })
  }

  /** Replaces a profile's summary, where Steam users put their proof. */
  setSummary(steamId64: string, summary: string): void {
    const profile = this.#profiles.get(steamId64)
    if (!profile) throw new Error(`no simulated steam profile ${steamId64}`)
    profile.summary = summary
  }

  bySteamId(steamId64: string): SimulatedSteamProfile | undefined {
    return this.#profiles.get(steamId64)
  }

  /** Steam resolves vanity URLs case-insensitively. */
  byCustomUrl(customUrl: string): SimulatedSteamProfile | undefined {
    const wanted = customUrl.toLowerCase()
    return [...this.#profiles.values()].find((profile) => profile.customUrl.toLowerCase() === wanted && wanted !== '')
  }
}

/** The simulated Steam community site; mount it at `/steam` and use that as STEAM_URL. */
export function createSteamSimulator(): SimulatedPlatform<SteamState> {
  const state = new SteamState()
  const app = new Hono()
  app.use('*', async (c, next) => {
    state.requests.push(c.req.path + new URL(c.req.url).search)
    if (state.down) return c.text('Service Unavailable', 503)
    if (state.rateLimited) return c.text('Too Many Requests', 429)
    await next()
  })
  // Steam's URLs end in `/` (`/profiles/<id>/?xml=1`); both forms are served.
  app.on('GET', ['/profiles/:id', '/profiles/:id/'], (c) => profileResponse(c, state.bySteamId(c.req.param('id'))))
  app.on('GET', ['/id/:custom', '/id/:custom/'], (c) => profileResponse(c, state.byCustomUrl(c.req.param('custom'))))
  return { prefix: '/steam', app, state, config: (mountUrl) => ({ steam: { url: mountUrl } }) }
}

function profileResponse(c: Context, profile: SimulatedSteamProfile | undefined): Response {
  if (c.req.query('xml') !== '1') return c.html('<!DOCTYPE html><html><body>Steam Community</body></html>')
  c.header('content-type', 'text/xml; charset=utf-8')
  if (!profile) {
    return c.body(
      `${XML_DECLARATION}<response><error><![CDATA[The specified profile could not be found.]]></error></response>`,
    )
  }
  return c.body(profileXml(profile))
}

function profileXml(profile: SimulatedSteamProfile): string {
  const summary = profile.summary.split('\n').join('<br>\n')
  const fields = [
    `<steamID64>${profile.steamId64}</steamID64>`,
    `<steamID>${cdata(profile.personaName)}</steamID>`,
    '<onlineState>offline</onlineState>',
    `<stateMessage>${cdata('Offline')}</stateMessage>`,
    '<privacyState>public</privacyState>',
    '<visibilityState>3</visibilityState>',
    `<avatarIcon>${cdata('https://avatars.cloudflare.steamstatic.com/0000000000000000000000000000000000000000.jpg')}</avatarIcon>`,
    '<vacBanned>0</vacBanned>',
    '<tradeBanState>None</tradeBanState>',
    '<isLimitedAccount>0</isLimitedAccount>',
    `<customURL>${cdata(profile.customUrl)}</customURL>`,
    '<memberSince>May 26, 2013</memberSince>',
    '<steamRating></steamRating>',
    '<hoursPlayed2Wk>0.0</hoursPlayed2Wk>',
    `<headline>${cdata('')}</headline>`,
    `<location>${cdata('')}</location>`,
    `<realname>${cdata('')}</realname>`,
    `<summary>${cdata(summary)}</summary>`,
  ]
  return `${XML_DECLARATION}<profile>\n${fields.map((field) => `\t${field}\n`).join('')}</profile>\n`
}

function cdata(text: string): string {
  return `<![CDATA[${text.split(']]>').join(']]]]><![CDATA[>')}]]>`
}
