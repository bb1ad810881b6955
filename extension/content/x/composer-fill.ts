/**
 * Puts the proof text into an empty composer (PLATFORMS.md §1.6): `execCommand('insertText')` on
 * the focused Draft.js editor produces the input events Draft.js accepts (setting textContent
 * would be undone at its next render). The intent URL normally pre-fills the composer, so this is
 * the second rung; the banner's Copy button is the last.
 */
import { readComposerText } from './selectors.js'

export type FillResult = 'prefilled' | 'filled' | 'failed'

const normalise = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim()

/** True when two texts differ at most in line breaks and spacing (as the background compares them). */
export function isSameText(a: string, b: string): boolean {
  return normalise(a) === normalise(b)
}

/** Fills `composer` with `text` unless it already holds it; says what happened. */
export function fillComposer(composer: HTMLElement, text: string): FillResult {
  const current = normalise(readComposerText(composer))
  if (current === normalise(text)) return 'prefilled'
  if (current !== '') return 'failed' // the user typed something else: never overwrite it
  composer.focus()
  document.execCommand('insertText', false, text)
  return normalise(readComposerText(composer)) === normalise(text) ? 'filled' : 'failed'
}
