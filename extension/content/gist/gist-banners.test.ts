import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { stubEnglishMessages } from '../../../test/support/extension/english-messages.js'
import type { PublishTask } from '../../messaging/catalogue.js'
import {
  filledBanner,
  fillFailedBanner,
  helperErrorBanner,
  missingFileBanner,
  notWaitingBanner,
  publishedBanner,
  signInBanner,
  submittingBanner,
  wrongAccountBanner,
} from './gist-banners.js'

const TASK: PublishTask = {
  flowId: 'flow-1',
  platform: 'github',
  identity: 'alice',
  postText: '{"version":"1"}',
  fileName: `0x02${'ab'.repeat(32)}.json`,
}

beforeEach(() => stubEnglishMessages())
afterEach(() => vi.unstubAllGlobals())

test('the filled banner offers copying the exact file name and content', () => {
  const copy = vi.fn()
  const banner = filledBanner(TASK, copy)
  expect(banner).toMatchObject({ tone: 'info', title: 'Proof gist ready' })
  expect(banner.text).toBe(
    `The file ${TASK.fileName} is filled in and the gist is set to public. Check it, then click "Create public gist".`,
  )
  for (const action of banner.actions ?? []) action.run()
  expect(banner.actions?.map((action) => action.label)).toEqual(['Copy file name', 'Copy content'])
  expect(copy.mock.calls).toEqual([[TASK.fileName], [TASK.postText]])
})

test('the fallback banner tells what to do by hand, with the same copy buttons', () => {
  const banner = fillFailedBanner(TASK, vi.fn())
  expect(banner.tone).toBe('error')
  expect(banner.text).toContain(`Name one file ${TASK.fileName}`)
  expect(banner.actions).toHaveLength(2)
})

test('a wrong account says who is signed in, who is expected, and that creating is blocked', () => {
  expect(wrongAccountBanner(TASK, 'bob')).toEqual({
    tone: 'error',
    title: 'Wrong GitHub account',
    text: 'You are signed in as bob, but this binding is for alice. Creating a gist here is blocked.',
  })
  expect(signInBanner(TASK).text).toBe('Sign in as alice to create the Next.ID proof gist.')
})

test('after publishing, the banner follows the flow step and words its status', () => {
  expect(publishedBanner(TASK, { step: 'done', status: null })).toMatchObject({
    tone: 'success',
    title: 'GitHub account bound',
  })
  expect(
    publishedBanner(TASK, {
      step: 'failed',
      status: { code: 'gave-up', serviceMessage: 'gist not found: aa5a315d61ae9438b18d', waitedMs: 3_600_000 },
    }),
  ).toEqual({
    tone: 'error',
    title: 'Binding failed',
    text: "Stopped checking after 60 minutes. The service's last answer: “gist not found: aa5a315d61ae9438b18d”. Make sure the proof is published exactly as shown, then Start again: the same proof is checked again, with nothing new to publish.",
  })
  expect(
    publishedBanner(TASK, {
      step: 'submit',
      status: { code: 'not-accepted-yet', serviceMessage: 'gist not found: aa5a315d61ae9438b18d' },
    }),
  ).toEqual({
    tone: 'info',
    title: 'Proof gist submitted',
    text: 'Not accepted yet; the service says: “gist not found: aa5a315d61ae9438b18d”. A new post can take a while to become visible, so the extension keeps checking.',
  })
  expect(publishedBanner(TASK, { step: 'submit', status: null }).text).toBe(
    'Waiting for the service to see the gist; this tab can be closed.',
  )
})

test('submitting, a missing file and a flow that moved on say so, with the gist and file named', () => {
  expect(submittingBanner('aa5a315d61ae9438b18d')).toEqual({
    tone: 'info',
    title: 'Submitting the proof gist',
    text: 'Gist aa5a315d61ae9438b18d: checking the proof…',
  })
  expect(missingFileBanner(TASK)).toEqual({
    tone: 'error',
    title: 'Proof file not found',
    text: `This gist has no file named ${TASK.fileName}. Create a public gist with that file.`,
  })
  expect(notWaitingBanner(TASK, { step: 'done', status: null }).text).toBe(
    'This binding is no longer waiting for a gist (done).',
  )
  // A failed flow says why in words of its status; GitHub logins go without an @.
  expect(notWaitingBanner(TASK, { step: 'failed', status: { code: 'wrong-account', account: 'bob' } }).text).toBe(
    'This page is logged in as bob, but the binding is for alice. Log in as alice, then Start again.',
  )
  expect(helperErrorBanner()).toEqual({ tone: 'error', title: 'Next.ID proof', text: 'The extension did not answer.' })
})
