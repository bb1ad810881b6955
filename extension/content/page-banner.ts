/**
 * Runs in: content script (ISOLATED world) of the proof-post helpers (x.com, gist.github.com).
 * One fixed overlay that tells the user what the helper is doing. It lives in a CLOSED shadow
 * root so the page's CSS cannot restyle it and the page's scripts cannot reach into it; every
 * string goes in with `textContent`, never as HTML, because the texts carry page-derived values
 * (handles) and flow errors.
 */

import { helperText } from './helper-i18n.js'

export type BannerTone = 'info' | 'success' | 'error'

export type BannerAction = { label: string; run: () => void }

export type BannerContent = {
  tone: BannerTone
  title: string
  text: string
  actions?: BannerAction[]
}

/** The host element's id: lets tests and the page object find the overlay. */
export const BANNER_HOST_ID = 'nextid-companion-banner'

const TONE_COLOURS: Record<BannerTone, { accent: string; background: string }> = {
  info: { accent: '#1d6fd8', background: '#f2f7ff' },
  success: { accent: '#16803c', background: '#f0fbf3' },
  error: { accent: '#c62828', background: '#fff4f4' },
}

const STYLE = `
:host { all: initial; }
.banner {
  position: fixed; top: 16px; right: 16px; z-index: 2147483647; box-sizing: border-box;
  width: 360px; max-width: calc(100vw - 32px); padding: 14px 16px; border-radius: 12px;
  border-left: 6px solid var(--accent); background: var(--background); color: #14171a;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif;
  box-shadow: 0 6px 24px rgba(0, 0, 0, 0.18);
}
.brand { font-size: 11px; letter-spacing: 0.04em; text-transform: uppercase; color: #5b6670; }
.title { margin: 2px 0 4px; font-size: 15px; font-weight: 700; color: var(--accent); }
.text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.actions { display: flex; gap: 8px; margin-top: 10px; flex-wrap: wrap; }
button {
  font: inherit; font-weight: 600; padding: 6px 12px; border-radius: 999px; cursor: pointer;
  border: 1px solid var(--accent); background: #fff; color: var(--accent);
}
button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
`

type Mounted = { host: HTMLElement; root: ShadowRoot }

let mounted: Mounted | undefined

/** Shows (or replaces) the banner. */
export function showBanner(content: BannerContent): void {
  const { root } = mount()
  const colours = TONE_COLOURS[content.tone]
  const banner = document.createElement('div')
  banner.className = 'banner'
  banner.setAttribute('role', content.tone === 'error' ? 'alert' : 'status')
  banner.dataset.tone = content.tone
  banner.style.setProperty('--accent', colours.accent)
  banner.style.setProperty('--background', colours.background)

  banner.append(
    textElement('div', 'brand', helperText('extensionName')),
    textElement('div', 'title', content.title),
    textElement('p', 'text', content.text),
  )
  const actions = content.actions ?? []
  if (actions.length > 0) {
    const row = document.createElement('div')
    row.className = 'actions'
    for (const action of actions) {
      const button = textElement('button', '', action.label)
      button.setAttribute('type', 'button')
      button.addEventListener('click', () => action.run())
      row.append(button)
    }
    banner.append(row)
  }

  const style = document.createElement('style')
  style.textContent = STYLE
  root.replaceChildren(style, banner)
  // Tone and title on the host, for tests and assistive tech outside the closed root (nothing secret).
  mounted?.host.setAttribute('data-tone', content.tone)
  mounted?.host.setAttribute('aria-label', content.title)
}

/** Removes the banner, if shown. */
export function hideBanner(): void {
  mounted?.host.remove()
  mounted = undefined
}

function mount(): Mounted {
  // The page may have removed our host (an SPA re-rendering <body>): mount again.
  if (mounted?.host.isConnected) return mounted
  const host = document.createElement('div')
  host.id = BANNER_HOST_ID
  const root = host.attachShadow({ mode: 'closed' })
  document.documentElement.append(host)
  mounted = { host, root }
  return mounted
}

function textElement(tag: string, className: string, text: string): HTMLElement {
  const element = document.createElement(tag)
  if (className) element.className = className
  element.textContent = text
  return element
}
