/**
 * Reads Steam's profile XML (platforms.md §3.8): `<profile>` with CDATA fields, or
 * `<response><error>` for a missing profile. Only the root's direct children are read, so the
 * `<summary>` of a group listed inside `<groups>` is never taken for the user's own. The reading
 * is linear in the document: each `<` is looked at once, and a tag or CDATA section that never
 * ends ends the document (nothing after it could end it either).
 */

export type SteamProfileXml =
  | { kind: 'profile'; steamId64: string; customUrl: string; summary: string }
  | { kind: 'error'; message: string }
  | { kind: 'other'; root: string }

type Token =
  | { kind: 'text' | 'cdata'; text: string }
  | { kind: 'open'; name: string; empty: boolean }
  | { kind: 'close'; name: string }

const CDATA_START = '<![CDATA['
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/** Classifies a profile XML document and reads the fields a validator needs. */
export function parseSteamProfileXml(xml: string): SteamProfileXml {
  const { root, fields } = readRootChildren(xml)
  if (root === 'response' && fields.has('error')) return { kind: 'error', message: fields.get('error') ?? '' }
  if (root !== 'profile') return { kind: 'other', root }
  return {
    kind: 'profile',
    steamId64: fields.get('steamID64') ?? '',
    customUrl: fields.get('customURL') ?? '',
    summary: fields.get('summary') ?? '',
  }
}

function readRootChildren(xml: string): { root: string; fields: Map<string, string> } {
  const fields = new Map<string, string>()
  let root = ''
  let depth = 0
  let field: string | undefined
  let text = ''
  for (const token of readTokens(xml)) {
    if (token.kind === 'open') {
      if (depth === 0) root ||= token.name
      if (depth === 1) [field, text] = [token.name, '']
      if (token.empty) {
        if (depth === 1 && !fields.has(token.name)) fields.set(token.name, '')
      } else depth += 1
    } else if (token.kind === 'close') {
      depth -= 1
      if (depth === 1 && field !== undefined && !fields.has(field)) fields.set(field, text)
    } else if (depth === 2 && field !== undefined) {
      text += token.kind === 'cdata' ? token.text : decodeEntities(token.text)
    }
  }
  return { root, fields }
}

// Text, CDATA, closing tags and opening (or empty) tags; declarations and comments are skipped.
function* readTokens(xml: string): Generator<Token> {
  let at = 0
  while (at < xml.length) {
    const open = xml.indexOf('<', at)
    if (open === -1) {
      yield { kind: 'text', text: xml.slice(at) }
      return
    }
    if (open > at) yield { kind: 'text', text: xml.slice(at, open) }
    if (xml.startsWith(CDATA_START, open)) {
      const end = xml.indexOf(']]>', open + CDATA_START.length)
      if (end === -1) return
      yield { kind: 'cdata', text: xml.slice(open + CDATA_START.length, end) }
      at = end + 3
      continue
    }
    const close = xml.indexOf('>', open + 1)
    if (close === -1) return
    const inside = xml.slice(open + 1, close)
    at = close + 1
    if (inside.startsWith('/')) yield { kind: 'close', name: inside.slice(1).trim() }
    else if (!inside.startsWith('?') && !inside.startsWith('!')) {
      const name = /^[^\s/]+/.exec(inside)?.[0]
      if (name !== undefined) yield { kind: 'open', name, empty: inside.endsWith('/') }
    }
  }
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{1,32});/gi, (entity, name: string) => {
    if (!name.startsWith('#')) return ENTITIES[name] ?? entity
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity
  })
}
