// @vitest-environment happy-dom
/**
 * Who is logged in on x.com: on the hand-built fixtures (e2e/fixtures/x/) and on the real saved
 * pages (../shared/real-pages/x/, README there) in every layout they show — each marker alone, and
 * "another account" only when a marker names one.
 */
import { describe, expect, it } from 'vitest'
import { loadXFixture } from '../../../test/support/extension/x-fixture-pages.js'
import {
  HAS_REAL_PAGES,
  REAL_PAGES_MISSING,
  REAL_X_ACCOUNT_PAGES,
  REAL_X_TOAST_PAGE,
  readRealPage,
  withoutExternalResources,
  withXLogin,
} from '../../../test/support/real-pages.js'
import { readAccountMarkers, readLoggedInHandle } from './logged-in-account.js'
import { readToastStatuses, X_SELECTORS } from './selectors.js'

describe('readLoggedInHandle', () => {
  it('reads the handle from the account switcher on every logged-in page, and nothing when logged out', () => {
    for (const page of ['home', 'intent', 'toast', 'status'] as const) {
      expect(readLoggedInHandle(loadXFixture(page)), page).toBe('alice')
    }
    expect(readLoggedInHandle(loadXFixture('loggedOut'))).toBeUndefined()
  })

  it('falls back to the @handle text, then to the profile link (platforms.md §1.4 ladder)', () => {
    const doc = loadXFixture('home')
    doc
      .querySelector('[data-testid="UserAvatar-Container-alice"]')
      ?.setAttribute('data-testid', 'UserAvatar-Container-')
    expect(readLoggedInHandle(doc)).toBe('alice')
    doc.querySelector('[data-testid="SideNav_AccountSwitcher_Button"]')?.remove()
    doc.querySelector('a[data-testid="AppTabBar_Profile_Link"]')?.setAttribute('href', '/Alice_2')
    expect(readLoggedInHandle(doc)).toBe('Alice_2')
    doc.querySelector('a[data-testid="AppTabBar_Profile_Link"]')?.setAttribute('href', '/settings/account')
    expect(readLoggedInHandle(doc)).toBeUndefined()
  })
})

describe('readLoggedInHandle with the handle being bound', () => {
  it('answers another account as soon as one marker names it, the expected one when the markers agree', () => {
    const doc = loadXFixture('home')
    expect(readLoggedInHandle(doc, 'ALICE')).toBe('alice')
    doc.querySelector('a[data-testid="AppTabBar_Profile_Link"]')?.setAttribute('href', 'https://x.com/mallory')
    expect(readAccountMarkers(doc)).toEqual(['alice', 'mallory'])
    expect(readLoggedInHandle(doc, 'alice')).toBe('mallory')
  })

  it('answers nothing when no marker is found, and ignores links to other hosts or pages', () => {
    const doc = loadXFixture('home')
    doc.querySelector('[data-testid="SideNav_AccountSwitcher_Button"]')?.remove()
    const profile = doc.querySelector('a[data-testid="AppTabBar_Profile_Link"]')
    for (const href of ['https://evil.example/mallory', '/home', 'https://x.com/mallory/status/1', 'javascript:x']) {
      profile?.setAttribute('href', href)
      expect(readLoggedInHandle(doc, 'alice'), href).toBeUndefined()
    }
    profile?.setAttribute('href', 'https://twitter.com/alice')
    expect(readLoggedInHandle(doc, 'alice')).toBe('alice')
  })
})

const HANDLE = 'alice_nextid'
const TITLE = (what: string) => `${HAS_REAL_PAGES ? '' : `${REAL_PAGES_MISSING} — `}${what}`

describe.skipIf(!HAS_REAL_PAGES).each(REAL_X_ACCOUNT_PAGES)(TITLE('the real $layout page ($file)'), (page) => {
  const load = (handle = HANDLE) =>
    new DOMParser().parseFromString(
      withoutExternalResources(withXLogin(readRealPage(page.file), page.savedHandle, handle)),
      'text/html',
    )

  it('recognises the account being bound, and refuses another', () => {
    expect(readLoggedInHandle(load(), HANDLE)).toBe(HANDLE)
    expect(readLoggedInHandle(load(), 'someone_else')).toBe(HANDLE)
    expect(readLoggedInHandle(load('mallory'), HANDLE)).toBe('mallory')
  })

  it('finds the account from each marker that holds in this layout on its own', () => {
    // Each marker alone: the others removed from the page.
    const only = (keep: 'avatar' | 'link' | 'state') => {
      const doc = load()
      const switcher = doc.querySelector(X_SELECTORS.accountSwitcher.css)
      if (keep !== 'avatar') switcher?.remove()
      else for (const text of switcher?.querySelectorAll('span') ?? []) text.textContent = ''
      if (keep !== 'link') doc.querySelector(X_SELECTORS.profileLink.css)?.remove()
      if (keep !== 'state') {
        for (const script of doc.querySelectorAll('script')) script.remove()
      }
      return readAccountMarkers(doc)
    }
    expect(only('avatar')).toEqual([HANDLE])
    expect(only('link')).toEqual([HANDLE])
    expect(only('state')).toEqual([HANDLE])
  })
})

describe.skipIf(!HAS_REAL_PAGES)(TITLE('the real "Your post was sent" toast'), () => {
  it('gives the posted tweet id', () => {
    const doc = new DOMParser().parseFromString(readRealPage(REAL_X_TOAST_PAGE), 'text/html')
    expect(readToastStatuses(doc)).toEqual([{ handle: 'rosario_weather', id: '1785136482820243725' }])
  })
})
