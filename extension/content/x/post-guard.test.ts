// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { loadXFixture } from '../../../test/support/extension/x-fixture-pages.js'
import { installPostGuard } from './post-guard.js'

/** The intent page with X's own handlers stood in by counters on the Post button and the composer. */
function setUp() {
  const doc = loadXFixture('intent')
  const button = doc.querySelector('button[data-testid="tweetButton"]') as HTMLElement
  const label = button.querySelector('span span') as HTMLElement
  const editor = doc.querySelector('div[data-testid="tweetTextarea_0"]') as HTMLElement
  const posted: string[] = []
  button.addEventListener('click', () => posted.push('click'))
  editor.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.ctrlKey) posted.push('ctrl+enter')
  })
  const controller = new AbortController()
  const guard = installPostGuard(doc, controller.signal)
  const click = () => label.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
  const ctrlEnter = (meta = false) =>
    editor.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: !meta, metaKey: meta, bubbles: true, cancelable: true }),
    )
  return { guard, posted, click, ctrlEnter, controller, editor }
}

describe('installPostGuard', () => {
  it('stops Post clicks and Ctrl/Cmd+Enter before X sees them while blocked', () => {
    const { posted, click, ctrlEnter } = setUp()
    expect(click()).toBe(false) // default prevented
    ctrlEnter()
    ctrlEnter(true)
    expect(posted).toEqual([])
  })

  it('lets Posts through once allowed, telling the helper first', () => {
    const { guard, posted, click, ctrlEnter, editor } = setUp()
    const seen: string[] = []
    guard.allow(() => seen.push(`helper saw ${posted.length} posts`))
    expect(click()).toBe(true)
    ctrlEnter()
    expect(posted).toEqual(['click', 'ctrl+enter'])
    expect(seen).toEqual(['helper saw 0 posts', 'helper saw 1 posts'])
    // Plain Enter is a new line, not a Post.
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    expect(seen).toHaveLength(2)
  })

  it('blocks again after block(), and leaves other clicks alone', () => {
    const { guard, posted, click, editor } = setUp()
    guard.allow(() => undefined)
    guard.block()
    click()
    expect(posted).toEqual([])
    expect(editor.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))).toBe(true)
  })

  it('stops listening when its signal aborts', () => {
    const { posted, click, controller } = setUp()
    controller.abort()
    click()
    expect(posted).toEqual(['click'])
  })
})
