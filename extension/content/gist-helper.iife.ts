/**
 * Runs in: content script (ISOLATED world) on gist.github.com, top frame, document_idle; built
 * standalone (`*.iife.ts`). The GitHub half of issue 5's proof-post helpers: the steps are in
 * gist/gist-helper.ts; this wires them to the page, the tab's sessionStorage and the background.
 */
import type { PageHelperApi } from '../messaging/catalogue.js'
import { createBackgroundClient } from '../messaging/client.js'
import { runGistHelper } from './gist/gist-helper.js'
import { showBanner } from './page-banner.js'

void runGistHelper({
  doc: document,
  pathname: location.pathname,
  storage: sessionStorage,
  call: createBackgroundClient<PageHelperApi>('page-helper'),
  show: showBanner,
  copy: (text) => void navigator.clipboard.writeText(text).catch(() => undefined),
})
