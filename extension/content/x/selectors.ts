/**
 * Every x.com selector the X helper uses (platforms.md §1.3–1.5), each beside the number of
 * elements it must match on the saved pages in e2e/fixtures/x/ (home logged in, compose intent
 * with prefilled text, the toast after posting, a status page, logged out). selectors.test.ts
 * checks those counts, so a markup change X makes shows up as one failing row here, not as a
 * helper that silently does nothing. X changes its markup without notice: fallbacks follow the
 * primary marker in the same selector list.
 */

export type XPageFixture = 'home' | 'intent' | 'toast' | 'status' | 'loggedOut'

export type XSelector = { css: string; counts: Record<XPageFixture, number> }

export const X_SELECTORS = {
  /** platforms.md §1.4 rung 1: the account switcher's avatar, `UserAvatar-Container-<handle>`. */
  accountSwitcherAvatar: {
    css: '[data-testid="SideNav_AccountSwitcher_Button"] [data-testid^="UserAvatar-Container-"]',
    counts: { home: 1, intent: 1, toast: 1, status: 1, loggedOut: 0 },
  },
  /** platforms.md §1.4 rung 2: the switcher itself, whose text holds `@handle`. */
  accountSwitcher: {
    css: '[data-testid="SideNav_AccountSwitcher_Button"]',
    counts: { home: 1, intent: 1, toast: 1, status: 1, loggedOut: 0 },
  },
  /** platforms.md §1.4 rung 3: the profile tab, `href="/<handle>"`. */
  profileLink: {
    css: 'a[data-testid="AppTabBar_Profile_Link"]',
    counts: { home: 1, intent: 1, toast: 1, status: 1, loggedOut: 0 },
  },
  /** platforms.md §1.3: the Draft.js editable (desktop), or the textarea of the mobile layout inside the same wrapper. */
  composer: {
    css: 'div[data-testid="tweetTextarea_0"][contenteditable="true"], div[data-testid^="tweetTextarea_0"] textarea',
    counts: { home: 1, intent: 1, toast: 1, status: 1, loggedOut: 0 },
  },
  /** Draft.js: one block per line of the composer's text. */
  composerBlock: {
    css: 'div[data-testid="tweetTextarea_0"] div[data-block="true"]',
    counts: { home: 1, intent: 3, toast: 1, status: 1, loggedOut: 0 },
  },
  /** platforms.md §1.3: Post in the modal / compose page, and the inline composers (home timeline; Reply on a status page). */
  postButton: {
    css: 'button[data-testid="tweetButton"], button[data-testid="tweetButtonInline"]',
    counts: { home: 1, intent: 1, toast: 1, status: 1, loggedOut: 0 },
  },
  /** platforms.md §1.3: the compose modal (the intent and /compose/post open it over the timeline). */
  modalComposer: {
    css: '#layers [aria-labelledby="modal-header"] div[data-testid="tweetTextarea_0"]',
    counts: { home: 0, intent: 1, toast: 0, status: 0, loggedOut: 0 },
  },
  /** platforms.md §1.3 / §1.5: the "View" link of the toast after posting: `/<handle>/status/<id>`. */
  toastStatusLink: {
    css: '[data-testid="toast"] a[href*="/status/"]',
    counts: { home: 0, intent: 0, toast: 1, status: 0, loggedOut: 0 },
  },
  /** platforms.md §1.3: a tweet and its text (the status page of the posted proof). */
  tweet: { css: 'article[data-testid="tweet"]', counts: { home: 2, intent: 2, toast: 2, status: 1, loggedOut: 0 } },
  tweetText: {
    css: 'article[data-testid="tweet"] div[data-testid="tweetText"]',
    counts: { home: 2, intent: 2, toast: 2, status: 1, loggedOut: 0 },
  },
} as const satisfies Record<string, XSelector>

/** `/<handle>/status/<id>` with the optional suffixes real links carry (platforms.md §1.1). */
const STATUS_PATH = /^\/([A-Za-z0-9_]{1,15})\/status\/([0-9]{1,20})(?:\/|$)/

/** The composer the user posts from: the compose modal's when one is open, else the first on the page. */
export function findComposer(doc: Document): HTMLElement | undefined {
  return (
    doc.querySelector<HTMLElement>(X_SELECTORS.modalComposer.css) ??
    doc.querySelector<HTMLElement>(X_SELECTORS.composer.css) ??
    undefined
  )
}

/** The composer's text, one line per Draft.js block (a textarea's value on the mobile layout). */
export function readComposerText(composer: HTMLElement): string {
  if (composer instanceof HTMLTextAreaElement) return composer.value
  const blocks = composer.querySelectorAll('div[data-block="true"]')
  if (blocks.length === 0) return composer.textContent ?? ''
  return Array.from(blocks, (block) => block.textContent ?? '').join('\n')
}

/** The Post button that posts `composer`'s text: the nearest one around it (inline, reply or modal). */
export function findPostButtonFor(composer: HTMLElement): HTMLButtonElement | undefined {
  for (let node = composer.parentElement; node; node = node.parentElement) {
    const button = node.querySelector<HTMLButtonElement>(X_SELECTORS.postButton.css)
    if (button) return button
  }
  return undefined
}

/** X enables Post only once its own state holds text: a disabled one would not post what the composer shows. */
export function isPostEnabled(button: HTMLButtonElement): boolean {
  return !button.disabled && button.getAttribute('aria-disabled') !== 'true'
}

/** True when `target` is (inside) a Post button. */
export function isPostButton(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(X_SELECTORS.postButton.css) !== null
}

/** True when `target` is (inside) a composer. */
export function isInComposer(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[data-testid^="tweetTextarea_"]') !== null
}

export type StatusRef = { handle: string; id: string }

/** The handle and tweet id of a status path or link, e.g. `/alice/status/123?s=20`. */
export function parseStatusPath(href: string): StatusRef | undefined {
  let pathname: string
  try {
    pathname = new URL(href, 'https://x.com').pathname
  } catch {
    return undefined
  }
  const match = STATUS_PATH.exec(pathname)
  return match?.[1] && match[2] ? { handle: match[1], id: match[2] } : undefined
}

/** The statuses the toasts after posting link to, in page order (none when no toast is shown). */
export function readToastStatuses(doc: Document): StatusRef[] {
  const refs: StatusRef[] = []
  for (const link of doc.querySelectorAll(X_SELECTORS.toastStatusLink.css)) {
    const ref = parseStatusPath(link.getAttribute('href') ?? '')
    if (ref) refs.push(ref)
  }
  return refs
}
