/**
 * Waiting for X's single-page app: the account switcher, the composer and the toast appear after
 * load and change on SPA navigations, so every read is repeated on DOM changes until it answers.
 */

/** Resolves with the first defined value of `read`, re-read on every DOM change; rejects when `signal` aborts. */
export function waitForValue<T>(doc: Document, read: () => T | undefined, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const first = read()
    if (first !== undefined) return resolve(first)
    const observer = new MutationObserver(() => {
      const value = read()
      if (value === undefined) return
      observer.disconnect()
      resolve(value)
    })
    observer.observe(doc, { childList: true, subtree: true, attributes: true })
    signal.addEventListener('abort', () => {
      observer.disconnect()
      reject(signal.reason)
    })
  })
}

/** Calls `onChange` whenever `read` gives a different value than before (not for the first one). */
export function watchValue<T>(doc: Document, read: () => T, onChange: (value: T) => void, signal: AbortSignal): void {
  let last = read()
  const observer = new MutationObserver(() => {
    const value = read()
    if (value === last) return
    last = value
    onChange(value)
  })
  observer.observe(doc, { childList: true, subtree: true, attributes: true })
  signal.addEventListener('abort', () => observer.disconnect())
}

/** Resolves once the HTML has been parsed (X's app and the fixtures render the composer after that). */
export function documentParsed(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve()
  return new Promise((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }))
}
