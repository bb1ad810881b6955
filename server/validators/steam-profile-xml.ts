/**
 * Reads Steam's profile XML (platforms.md §3.8): `<profile>` with CDATA fields, or
 * `<response><error>` for a missing profile. Only the root's direct children are read, so the
 * `<summary>` of a group listed inside `<groups>` is never taken for the user's own.
 */

export type SteamProfileXml =
  | { kind: 'profile'; steamId64: string; customUrl: string; summary: string }
  | { kind: 'error'; message: string }
  | { kind: 'other'; root: string }

// CDATA, closing tag, opening (or empty) tag, declaration or comment, text.
const TOKEN = /<!\[CDATA\[([\s\S]*?)\]\]>|<\/([^\s>]+)\s*>|<([^\s/>!?]+)[^>]*?(\/?)>|<[?!][^>]*>|([^<]+)/g
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
  for (const [, cdata, closing, opening, selfClosing, plain] of xml.matchAll(TOKEN)) {
    if (opening !== undefined) {
      if (depth === 0) root ||= opening
      if (depth === 1) [field, text] = [opening, '']
      if (selfClosing === '/') {
        if (depth === 1 && !fields.has(opening)) fields.set(opening, '')
      } else depth += 1
    } else if (closing !== undefined) {
      depth -= 1
      if (depth === 1 && field !== undefined && !fields.has(field)) fields.set(field, text)
    } else if (depth === 2 && field !== undefined) {
      text += cdata ?? decodeEntities(plain ?? '')
    }
  }
  return { root, fields }
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (entity, name: string) => {
    if (!name.startsWith('#')) return ENTITIES[name] ?? entity
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity
  })
}
