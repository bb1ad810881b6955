/**
 * Runs in: unit tests only (happy-dom). Parses the saved x.com pages of e2e/fixtures/x/ (rebuilt
 * from platforms.md §1.3–1.8) into Documents; their scripts do not run.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { XPageFixture } from '../../../extension/content/x/selectors.js'

const FIXTURES = path.resolve(import.meta.dirname, '../../../e2e/fixtures/x')

export const X_FIXTURE_FILES: Record<XPageFixture, string> = {
  home: 'home.html',
  intent: 'intent.html',
  toast: 'toast.html',
  status: 'status.html',
  loggedOut: 'logged-out.html',
}

/** A fresh Document of one saved page. */
export function loadXFixture(page: XPageFixture): Document {
  return new DOMParser().parseFromString(readFileSync(path.join(FIXTURES, X_FIXTURE_FILES[page]), 'utf8'), 'text/html')
}
