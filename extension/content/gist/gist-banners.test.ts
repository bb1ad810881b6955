import { expect, test, vi } from 'vitest'
import type { PublishTask } from '../../messaging/catalogue.js'
import { filledBanner, fillFailedBanner, publishedBanner, signInBanner, wrongAccountBanner } from './gist-banners.js'

const TASK: PublishTask = {
  flowId: 'flow-1',
  platform: 'github',
  identity: 'alice',
  postText: '{"version":"1"}',
  fileName: `0x02${'ab'.repeat(32)}.json`,
}

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

test('a wrong account says who is signed in, who is expected, and why it stopped', () => {
  expect(wrongAccountBanner(TASK, 'bob', 'signed in as bob, not alice')).toEqual({
    tone: 'error',
    title: 'Wrong GitHub account',
    text: 'You are signed in as bob, but this binding is for alice. Creating a gist here is blocked.\nsigned in as bob, not alice',
  })
  expect(signInBanner(TASK).text).toBe('Sign in as alice to create the Next.ID proof gist.')
})

test('after publishing, the banner follows the flow step', () => {
  expect(publishedBanner({ step: 'done', error: '' })).toMatchObject({ tone: 'success', title: 'GitHub account bound' })
  expect(publishedBanner({ step: 'failed', error: 'gist owner mismatch' })).toEqual({
    tone: 'error',
    title: 'Binding failed',
    text: 'gist owner mismatch',
  })
  expect(publishedBanner({ step: 'submit', error: 'not visible yet; trying again in 5 s' })).toMatchObject({
    tone: 'info',
    text: 'not visible yet; trying again in 5 s',
  })
})
