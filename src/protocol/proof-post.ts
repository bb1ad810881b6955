/**
 * Reading the signature out of a published proof (§6.3): the line-based posts (Twitter, Discord,
 * Minds, ActivityPub), Steam's profile summary, Twitter's `Misc:` line and dotbit's record value.
 */
import { avatarId } from '../crypto/index.js'
import { InvalidInputError } from '../errors.js'
import { parseUnixSecondsString, parseUuid, requireString } from '../input.js'
import { parsePlatform } from './platforms.js'
import { parsePrevSignature } from './proof-fields.js'

const STEAM_SIGNATURE = /NextID proof: ([^\n]+?):/
/**
 * Far above any proof post: Mastodon allows 500 characters, Misskey 3,000, Pleroma 5,000 by
 * default, and HTML markup at most triples that; a longer text is refused before it is parsed.
 */
export const MAX_POST_LENGTH = 100_000

/**
 * The signature text of a post, as the reference finds it; it is returned undecoded because
 * several platforms also accept base1024 (§3.5).
 */
export function findSignatureLine(text: unknown, platform: unknown): string {
  const post = requireString(text, 'text')
  if (post.length > MAX_POST_LENGTH) {
    throw new InvalidInputError('text', `is longer than ${MAX_POST_LENGTH} characters, more than any proof post`)
  }
  const name = parsePlatform(platform)
  switch (name) {
    case 'twitter':
    case 'discord':
    case 'minds':
      return findLineValue(lines(post), 'Sig: ')
    case 'activitypub':
      // Mastodon and Pleroma return HTML, so lines only exist after the markup is removed (§15 #21).
      return findLineValue(lines(htmlToText(post)), 'Signature: ')
    case 'steam': {
      const match = STEAM_SIGNATURE.exec(post)
      if (!match?.[1]) throw new InvalidInputError('text', 'has no "NextID proof: <signature>:" part')
      return match[1]
    }
    default:
      throw new InvalidInputError('platform', `has no signature line in a post: ${name}`)
  }
}

/** The `Misc: uuid|created_at|prev` line of a Twitter proof (§4.10); an empty prev means the first link. */
export function parseTwitterMisc(text: unknown): { uuid: string; createdAt: string; prev: string | null } {
  const misc = findLineValue(lines(requireString(text, 'text')), 'Misc: ')
  const parts = misc.split('|')
  if (parts.length !== 3) throw new InvalidInputError('text', 'has a "Misc:" line without exactly uuid|created_at|prev')
  const [uuid, createdAt, prev] = parts as [string, string, string]
  return {
    uuid: parseUuid(uuid, 'misc.uuid'),
    createdAt: parseUnixSecondsString(createdAt, 'misc.created_at'),
    prev: prev === '' ? null : parsePrevSignature(prev, 'misc.prev'),
  }
}

/** A dotbit `nextid` profile record `0x<compressed avatar>:<signature>` (§6.2); the avatar is checked. */
export function parseDotbitRecord(value: unknown): { persona: string; signature: string } {
  const text = requireString(value, 'record')
  const separator = text.indexOf(':')
  if (!text.startsWith('0x') || separator === -1) {
    throw new InvalidInputError('record', 'expected 0x<compressed avatar hex>:<signature>')
  }
  const signature = text.slice(separator + 1)
  if (signature === '') throw new InvalidInputError('record', 'has no signature after the ":"')
  return { persona: avatarId(text.slice(0, separator), 'record'), signature }
}

// Go's bufio.Scanner: lines end at `\n`, and one `\r` before it is dropped.
function lines(text: string): string[] {
  return text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
}

function findLineValue(candidates: string[], prefix: string): string {
  const line = candidates.find((candidate) => candidate.startsWith(prefix) && candidate.length > prefix.length)
  if (line === undefined) throw new InvalidInputError('text', `has no "${prefix}<value>" line`)
  return line.slice(prefix.length)
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

// Enough HTML for status bodies: paragraph and line breaks become newlines, other tags vanish,
// and entities are decoded in one pass so `&amp;lt;` stays `&lt;`. Every step is linear in the
// text, so a post of nothing but `<` costs no more than any other post of its length.
function htmlToText(html: string): string {
  return stripTags(html.replace(/<br\s*\/?>|<\/p>/gi, '\n')).replace(
    /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{1,32});/gi,
    (entity, name: string) => decodeEntity(entity, name),
  )
}

// What `/<[^>]*>/g` removes, without its cost: that regex scans to the end of the text again
// from every `<` that has no `>` after it, which is quadratic.
function stripTags(html: string): string {
  let text = ''
  let from = 0
  for (;;) {
    const open = html.indexOf('<', from)
    if (open === -1) break
    const close = html.indexOf('>', open + 1)
    // No `>` after this `<` means none after any later `<` either: the rest is text.
    if (close === -1) break
    text += html.slice(from, open)
    from = close + 1
  }
  return text + html.slice(from)
}

function decodeEntity(entity: string, name: string): string {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity
  }
  return ENTITIES[name.toLowerCase()] ?? entity
}
