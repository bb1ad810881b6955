/**
 * How a published proof's text is compared with the proof text (issue 5): X's composer, its DOM
 * and GitHub's gist view may change line breaks (CRLF, doubled or merged newlines) and spacing,
 * never the words or the signature. The content scripts and the background compare with this one
 * function, so "looks like the proof" on the page and "is the proof" in the background cannot drift.
 */
import { requireString } from '../input.js'

/** The text as compared: NFC, every run of whitespace (line breaks included) one space, trimmed. */
export function normalisePostText(text: string, field = 'text'): string {
  return requireString(text, field).normalize('NFC').replace(/\s+/g, ' ').trim()
}

/** True when two post texts differ at most in line breaks and spacing. */
export function isSamePostText(a: string, b: string): boolean {
  return normalisePostText(a, 'a') === normalisePostText(b, 'b')
}
