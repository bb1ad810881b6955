/**
 * Stops X's Post (button click or Ctrl/Cmd+Enter in the composer) while the account is unchecked
 * or wrong, so nothing is posted from the wrong account; once allowed, tells the helper the user
 * is posting so it can remember the composer's text before X clears it. Listens in the capture
 * phase on the window, which runs before X's own handlers (React listens on its root).
 */
import { isInComposer, isPostButton } from './selectors.js'

export type PostGuard = {
  /** Blocks every Post (the initial state). */
  block(): void
  /** Lets Posts through; `onPost` runs first, while the composer still holds the text. */
  allow(onPost: () => void): void
}

export function installPostGuard(target: EventTarget, signal: AbortSignal): PostGuard {
  let onPost: (() => void) | undefined
  const attempt = (event: Event) => {
    if (onPost) return onPost()
    event.preventDefault()
    event.stopImmediatePropagation()
  }
  const options = { capture: true, signal }
  target.addEventListener('click', (event) => isPostButton(event.target) && attempt(event), options)
  target.addEventListener(
    'keydown',
    (event) => {
      const key = event as KeyboardEvent
      if (key.key === 'Enter' && (key.ctrlKey || key.metaKey) && isInComposer(key.target)) attempt(event)
    },
    options,
  )
  return {
    block: () => {
      onPost = undefined
    },
    allow: (run) => {
      onPost = run
    },
  }
}
