/**
 * Puts the proof text into an empty composer (platforms.md §1.6): `execCommand('insertText')` on
 * the focused Draft.js editor produces the input events Draft.js accepts (setting textContent
 * would be undone at its next render). The intent URL normally pre-fills the composer, so this is
 * the second rung; the banner's Copy button is the last.
 */
import { isSamePostText } from '../../../src/protocol/post-text.js'
import { readComposerText } from './selectors.js'

export type FillResult = 'prefilled' | 'filled' | 'failed'

/** Fills `composer` with `text` unless it already holds it; says what happened. */
export function fillComposer(composer: HTMLElement, text: string): FillResult {
  const current = readComposerText(composer)
  if (isSamePostText(current, text)) return 'prefilled'
  if (current.trim() !== '') return 'failed' // the user typed something else: never overwrite it
  composer.focus()
  composer.ownerDocument.execCommand('insertText', false, text)
  return isSamePostText(readComposerText(composer), text) ? 'filled' : 'failed'
}
