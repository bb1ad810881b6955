// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { stubEnglishMessages } from '../../test/support/extension/english-messages.js'
import { BANNER_HOST_ID, hideBanner, showBanner } from './page-banner.js'

/** Captures the closed shadow root the banner attaches (the page itself can never reach it). */
function captureShadowRoot(): { root: () => ShadowRoot } {
  let captured: ShadowRoot | undefined
  const original = Element.prototype.attachShadow
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
    captured = original.call(this, init)
    return captured
  })
  return { root: () => captured as ShadowRoot }
}

beforeEach(() => stubEnglishMessages())

afterEach(() => {
  hideBanner()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

describe('showBanner', () => {
  it('shows tone, title, text and actions in a closed shadow root on one host', () => {
    const shadow = captureShadowRoot()
    const run = vi.fn()
    showBanner({
      tone: 'info',
      title: 'Post this tweet',
      text: 'Line 1\nLine 2',
      actions: [{ label: 'Copy text', run }],
    })
    const host = document.getElementById(BANNER_HOST_ID) as HTMLElement
    expect(host.shadowRoot).toBeNull() // closed: the page's scripts cannot reach in
    expect(host.getAttribute('data-tone')).toBe('info')
    expect(host.getAttribute('aria-label')).toBe('Post this tweet')
    const root = shadow.root()
    expect(root.querySelector('.brand')?.textContent).toBe('NextID Companion')
    expect(root.querySelector('.title')?.textContent).toBe('Post this tweet')
    expect(root.querySelector('.text')?.textContent).toBe('Line 1\nLine 2')
    expect(root.querySelector('[role="status"]')).not.toBeNull()
    ;(root.querySelector('button') as HTMLButtonElement).click()
    expect(run).toHaveBeenCalledOnce()
  })

  it('puts page-derived text in as text, never as markup', () => {
    const shadow = captureShadowRoot()
    showBanner({ tone: 'error', title: '<img src=x onerror=alert(1)>', text: '<b>@mallory</b>' })
    const root = shadow.root()
    expect(root.querySelector('img, b')).toBeNull()
    expect(root.querySelector('.title')?.textContent).toBe('<img src=x onerror=alert(1)>')
    expect(root.querySelector('[role="alert"]')).not.toBeNull()
  })

  it('replaces the banner in place, and hideBanner removes it', () => {
    captureShadowRoot()
    showBanner({ tone: 'info', title: 'One', text: '' })
    showBanner({ tone: 'success', title: 'Two', text: '' })
    expect(document.querySelectorAll(`#${BANNER_HOST_ID}`)).toHaveLength(1)
    expect(document.getElementById(BANNER_HOST_ID)?.getAttribute('data-tone')).toBe('success')
    hideBanner()
    expect(document.getElementById(BANNER_HOST_ID)).toBeNull()
  })

  it('mounts again when the page removed its host', () => {
    captureShadowRoot()
    showBanner({ tone: 'info', title: 'One', text: '' })
    document.getElementById(BANNER_HOST_ID)?.remove()
    showBanner({ tone: 'error', title: 'Again', text: '' })
    expect(document.getElementById(BANNER_HOST_ID)?.getAttribute('aria-label')).toBe('Again')
  })
})
