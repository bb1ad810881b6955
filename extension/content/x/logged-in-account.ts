/**
 * Who is logged in on an x.com page (platforms.md §1.4), from every marker that holds in X's
 * layouts: the account switcher's avatar container (`UserAvatar-Container-<handle>`, present in
 * the wide and the compact sidebar), its `@handle` text (absent in the compact sidebar), the
 * profile tab's link parsed as a URL (saved pages make it absolute: `https://x.com/<handle>`), and
 * X's inline state (`window.__INITIAL_STATE__`: the session's user id and that user's screen name).
 * With the handle being bound known, a marker that positively names another account wins: the
 * helper then says "wrong account" rather than posting from it; markers that are missing say nothing.
 */
import { X_SELECTORS } from './selectors.js'

const AVATAR_PREFIX = 'UserAvatar-Container-'
const HANDLE = /^[A-Za-z0-9_]{1,15}$/
const AT_HANDLE = /@([A-Za-z0-9_]{1,15})\b/
const PROFILE_PATH = /^\/([A-Za-z0-9_]{1,15})\/?$/
const X_HOSTS = new Set(['x.com', 'twitter.com', 'mobile.x.com', 'mobile.twitter.com'])
// X's paths that look like a handle but are pages (the profile tab never links to them).
const NOT_HANDLES = new Set(['home', 'explore', 'notifications', 'messages', 'settings', 'search', 'i', 'compose'])

/** The handles the page's markers name, each once (case kept as X shows it), in marker order. */
export function readAccountMarkers(doc: Document): string[] {
  const found = [fromSwitcherAvatar(doc), fromSwitcherText(doc), fromProfileLink(doc), fromInlineState(doc)]
  const handles: string[] = []
  for (const handle of found) {
    if (handle && !handles.some((known) => sameHandle(known, handle))) handles.push(handle)
  }
  return handles
}

/**
 * The logged-in handle: with `expected`, another account as soon as one marker names it, else the
 * expected one when a marker names it; without, the first marker's. Undefined when none is found.
 */
export function readLoggedInHandle(doc: Document, expected?: string): string | undefined {
  const handles = readAccountMarkers(doc)
  if (expected === undefined) return handles[0]
  return handles.find((handle) => !sameHandle(handle, expected)) ?? handles[0]
}

export const sameHandle = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

function fromSwitcherAvatar(doc: Document): string | undefined {
  const testId = doc.querySelector(X_SELECTORS.accountSwitcherAvatar.css)?.getAttribute('data-testid') ?? ''
  const handle = testId.slice(AVATAR_PREFIX.length)
  return HANDLE.test(handle) ? handle : undefined
}

function fromSwitcherText(doc: Document): string | undefined {
  return AT_HANDLE.exec(doc.querySelector(X_SELECTORS.accountSwitcher.css)?.textContent ?? '')?.[1]
}

function fromProfileLink(doc: Document): string | undefined {
  const href = doc.querySelector(X_SELECTORS.profileLink.css)?.getAttribute('href') ?? ''
  let url: URL
  try {
    url = new URL(href, 'https://x.com')
  } catch {
    return undefined
  }
  const handle = PROFILE_PATH.exec(url.pathname)?.[1]
  if (!X_HOSTS.has(url.hostname) || !handle || NOT_HANDLES.has(handle.toLowerCase())) return undefined
  return handle
}

// The inline state is several hundred kilobytes; only bounded, linear patterns run over it.
const STATE_MARKER = '__INITIAL_STATE__'
const SESSION_USER = /\bsession"?\s*:\s*\{[\s\S]{0,4000}?\buser_id"?\s*:\s*"(\d{1,20})"/
const USER_SPAN = 20_000

/** The session user's screen name in X's inline state, or undefined. */
function fromInlineState(doc: Document): string | undefined {
  const script = [...doc.querySelectorAll('script:not([src])')].find((node) =>
    (node.textContent ?? '').includes(STATE_MARKER),
  )
  const state = script?.textContent ?? ''
  const userId = SESSION_USER.exec(state)?.[1]
  if (!userId) return undefined
  // The users table is keyed by id: "<id>":{ … "screen_name":"<handle>" … "id_str":"<id>" … }.
  const key = new RegExp(`"?${userId}"?\\s*:\\s*\\{`, 'g')
  for (let match = key.exec(state); match; match = key.exec(state)) {
    const span = state.slice(match.index, match.index + USER_SPAN)
    const name = /\bscreen_name"?\s*:\s*"([A-Za-z0-9_]{1,15})"/.exec(span)?.[1]
    if (name && new RegExp(`\\bid_str"?\\s*:\\s*"${userId}"`).test(span)) return name
  }
  return undefined
}
