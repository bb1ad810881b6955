/**
 * Runs in: unit tests only (happy-dom). Parses the saved gist.github.com pages of
 * e2e/fixtures/github/ (rebuilt from platforms.md §2) into Documents.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { PageFixture } from '../../../extension/content/gist/selectors.js'
import type { PublishTask } from '../../../extension/messaging/catalogue.js'

const FIXTURES = path.resolve(import.meta.dirname, '../../../e2e/fixtures/github')

export const FIXTURE_FILES: Record<PageFixture, string> = {
  newGist: 'new-gist.html',
  gist: 'gist.html',
  signedOut: 'signed-out.html',
}

/** A fresh Document of one saved page (scripts do not run). */
export function loadFixture(page: PageFixture): Document {
  return new DOMParser().parseFromString(readFileSync(path.join(FIXTURES, FIXTURE_FILES[page]), 'utf8'), 'text/html')
}

/** A GitHub flow waiting to be published, as the background hands it to the gist helper (a short proof with tabs). */
export const SAMPLE_GIST_TASK: PublishTask = {
  flowId: 'flow-1',
  platform: 'github',
  identity: 'alice',
  postText: '{\n\t"version": "1",\n\t"persona": "0x02ab"\n}',
  fileName: `0x02${'ab'.repeat(32)}.json`,
}
