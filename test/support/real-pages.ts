/**
 * Runs in: unit tests (happy-dom) and e2e. The real saved x.com and gist.github.com pages of
 * `../shared/real-pages/` (sources and dates in its README). They are data copied from public
 * repositories: read from there, never copied into the project. Where the folder is absent the
 * tests that need it say so and count as skipped.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

export const REAL_PAGES_DIR = path.resolve(import.meta.dirname, '../../../shared/real-pages')

/** True when the saved pages are beside the project. */
export const HAS_REAL_PAGES = existsSync(REAL_PAGES_DIR)

/** Why tests on the real pages are skipped, for their titles. */
export const REAL_PAGES_MISSING = `skipped: no saved pages at ${REAL_PAGES_DIR}`

export const REAL_NEW_GIST_PAGES = ['github/new-gist-2024-09-12-msidibe2.html', 'github/new-gist-2021-08-12-d-r-e.html']

/** A gist page viewed signed in (not by its owner): a Markdown README.md and a 28-line youtube.rb. */
export const REAL_GIST_VIEW_PAGE = 'github/gist-view-2022-03-15-hocbaicungcon.html'

/** A gist page fetched signed out (2026), rows regenerated in GitHub's row markup. */
export const REAL_SIGNED_OUT_GIST_PAGE = 'github/gist-view-2026-excerpt-TingGeorge.html'

/** One saved page's HTML, as saved. */
export function readRealPage(file: string): string {
  return readFileSync(path.join(REAL_PAGES_DIR, file), 'utf8')
}

/**
 * The page with its signed-in account replaced by `login` (the `user-login` meta, as GitHub sets it
 * for the signed-in user), and nothing else changed.
 */
export function withGithubLogin(html: string, login: string): string {
  return html.replace(/(<meta name="user-login" content=")[^"]*(")/, `$1${login}$2`)
}

/**
 * For happy-dom, which would try (and fail, loudly) to load them: the page without its external
 * stylesheets and scripts — neither can load offline, and neither changes the markup the helpers read.
 */
export function withoutExternalResources(html: string): string {
  return html
    .replace(/<link\b[^>]*\brel="stylesheet"[^>]*>/g, '')
    .replace(/<script\b[^>]*\bsrc=[^>]*>\s*<\/script>/g, '')
}

/** The saved x.com pages of a logged-in account, each with the handle it was saved under. */
export const REAL_X_ACCOUNT_PAGES = [
  { file: 'x/home-2025-02-14-ibbi-twooter.html', layout: 'home, compact sidebar', savedHandle: 'kleinflask' },
  { file: 'x/home-2024-12-03-caflaynes.html', layout: 'home, wide sidebar, re-indented', savedHandle: 'yasueAQW' },
  { file: 'x/status-2026-02-13-defuddle.html', layout: 'status page, reply composer', savedHandle: 'kepano' },
] as const

export const REAL_X_TOAST_PAGE = 'x/toast-2024-04-30-fragment.html'

/** The page logged in as `handle`: every mention of the account it was saved under becomes `handle`. */
export function withXLogin(html: string, savedHandle: string, handle: string): string {
  return html.replaceAll(savedHandle, handle)
}
