/**
 * Runs in: content script (ISOLATED world) on x.com / twitter.com (and their mobile hosts), top
 * frame only, document_start; built standalone (`*.iife.ts`) so its Post guard is in place before
 * X's app loads. The helper's steps are in x/x-helper.ts; this wires them to the page and the
 * background. The background decides everything from the sender's URL; this script only reads
 * and reports.
 */
import type { PageHelperApi } from '../messaging/catalogue.js'
import { createBackgroundClient } from '../messaging/client.js'
import { showBanner } from './page-banner.js'
import { helperErrorBanner } from './x/x-banners.js'
import { messageOf, runXHelper } from './x/x-helper.js'

const controller = new AbortController()
runXHelper(
  {
    doc: document,
    postTarget: window,
    url: () => location.href,
    call: createBackgroundClient<PageHelperApi>('page-helper'),
    show: showBanner,
    copy: (text) => void navigator.clipboard.writeText(text).catch(() => undefined),
  },
  controller.signal,
).catch((error: unknown) => {
  if (!controller.signal.aborted) showBanner(helperErrorBanner(messageOf(error)))
})
