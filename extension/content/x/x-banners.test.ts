import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { stubEnglishMessages } from '../../../test/support/extension/english-messages.js'
import type { PublishTask } from '../../messaging/catalogue.js'
import {
  checkingBanner,
  helperErrorBanner,
  outcomeBanner,
  readyBanner,
  waitingForTweetBanner,
  wrongAccountBanner,
} from './x-banners.js'

const TASK: PublishTask = {
  flowId: 'flow-1',
  platform: 'twitter',
  identity: 'alice',
  postText: '🎭 Verifying my Twitter ID @alice for @NextDotID.\nSig: abc',
  fileName: '',
}

beforeEach(() => stubEnglishMessages())
afterEach(() => vi.unstubAllGlobals())

test('before the account is known, the banner names the handle being checked', () => {
  expect(checkingBanner(TASK)).toEqual({
    tone: 'info',
    title: 'Binding @alice',
    text: 'Checking that this page is logged in as @alice. Posting waits until then.',
  })
})

test('a wrong account words the status code with both handles, then says nothing was posted', () => {
  expect(wrongAccountBanner(TASK, { step: 'failed', status: { code: 'wrong-account', account: 'mallory' } })).toEqual({
    tone: 'error',
    title: 'Wrong X account',
    text: 'This page is logged in as @mallory, but the binding is for @alice. Log in as @alice, then Start again.\nPosting from this page is blocked, so nothing was posted.',
  })
})

test('the ready banner follows the composer and copies the exact proof text', () => {
  const copy = vi.fn()
  const filled = readyBanner(TASK, 'ready', copy)
  expect(filled).toMatchObject({
    tone: 'info',
    title: 'Post this tweet to bind @alice',
    text: 'The proof text is in the composer. Post it unchanged; NextID Companion picks up the tweet by itself.',
  })
  expect(readyBanner(TASK, 'paste', copy).text).toBe(
    'Copy the proof text, paste it into the composer and post it unchanged.',
  )
  // The text is there but X has not taken it: Post would not post it yet.
  expect(readyBanner(TASK, 'post-disabled', copy).text).toMatch(
    /^The proof text is in the composer, but X has not enabled Post yet\./,
  )
  expect(filled.actions?.map((action) => action.label)).toEqual(['Copy text'])
  filled.actions?.[0]?.run()
  expect(copy).toHaveBeenCalledWith(TASK.postText)
})

test('after Post, the banner waits for the tweet and then follows the flow step', () => {
  expect(waitingForTweetBanner(TASK)).toEqual({
    tone: 'info',
    title: 'Waiting for the tweet',
    text: 'As soon as X shows the new tweet of @alice, NextID Companion submits it. Keep this tab open until then.',
  })
  expect(outcomeBanner(TASK, { step: 'done', status: null })).toEqual({
    tone: 'success',
    title: '@alice is bound',
    text: 'The service verified the tweet. The binding now shows in NextID Companion.',
  })
  expect(outcomeBanner(TASK, { step: 'failed', status: { code: 'text-mismatch' } })).toEqual({
    tone: 'error',
    title: 'The binding failed',
    text: 'The posted text differs from the proof text, so the service will not accept it. Delete that post, then Start again and post the text unchanged.',
  })
  expect(
    outcomeBanner(TASK, { step: 'submit', status: { code: 'not-accepted-yet', serviceMessage: 'tweet not found: 1' } }),
  ).toEqual({
    tone: 'info',
    title: 'Tweet sent, verifying',
    text: 'The service does not see the tweet yet; NextID Companion keeps trying by itself, even if you close this tab.\nNot accepted yet; the service says: “tweet not found: 1”. A new post can take a while to become visible, so the extension keeps checking.',
  })
  // Nothing to say yet (just submitted): no empty line under the verifying text.
  expect(outcomeBanner(TASK, { step: 'submit', status: null }).text).toBe(
    'The service does not see the tweet yet; NextID Companion keeps trying by itself, even if you close this tab.',
  )
  expect(helperErrorBanner('Extension context invalidated.')).toEqual({
    tone: 'error',
    title: 'NextID Companion could not help on this page',
    text: 'Extension context invalidated.',
  })
})
