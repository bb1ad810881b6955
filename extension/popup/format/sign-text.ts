/**
 * The text a site asks the avatar to sign, made fully readable (issue 14): characters that change
 * how text reads without showing — bidirectional controls, zero-width and other invisible
 * characters — are shown as their code points, and said in a warning, as is a very long text.
 */

// Bidi embeddings, overrides and isolates, and the directional marks.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/
// Zero-width and other invisible format characters (soft hyphen, word joiner, BOM, …). The
// zero-width joiner is left out: it is how emoji sequences such as 👩‍💻 are written.
const INVISIBLE = /[\u00AD\u180E\u200B\u200C\u2060-\u2064\uFEFF]/
const HIDDEN = new RegExp(`(${BIDI.source}|${INVISIBLE.source})`, 'u')

/** Longer than this, or more lines, a text is hard to check by eye: the user is told. */
export const LONG_TEXT_CHARS = 1_000
export const LONG_TEXT_LINES = 20

export type SignTextWarning = 'bidi' | 'invisible' | 'long'

/** What the user should be told about `text` before signing it. */
export function signTextWarnings(text: string): SignTextWarning[] {
  const warnings: SignTextWarning[] = []
  if (BIDI.test(text)) warnings.push('bidi')
  if (INVISIBLE.test(text)) warnings.push('invisible')
  if (text.length > LONG_TEXT_CHARS || text.split('\n').length > LONG_TEXT_LINES) warnings.push('long')
  return warnings
}

/** A run of plain text, or one hidden character shown by its code point (`U+202E`). */
export type TextPart = { text: string } | { hidden: string }

/** `text` cut into plain runs and hidden characters, in order. */
export function visibleParts(text: string): TextPart[] {
  return text
    .split(HIDDEN)
    .filter((part) => part !== '')
    .map((part) =>
      HIDDEN.test(part) && part.length === 1
        ? { hidden: `U+${(part.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` }
        : { text: part },
    )
}
