/**
 * Runs in: tests (Node). A fake gist.github.com for the GitHub binding e2e: the saved pages of
 * e2e/fixtures/github/ served under their real URLs with `context.route`, the new-gist form's POST
 * (to `/`, as GitHub's real form posts) turned into a gist in the platform simulator's GitHub state (which ProofService's
 * validator then reads through the simulated REST API), and the created gist page rendered from
 * that state into the fixture template. Also reads the helper's banner, which lives in a closed
 * shadow root that Playwright locators do not enter (CDP's pierced DOM does).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { BrowserContext, Page, Request, Route } from '@playwright/test'
import { Window } from 'happy-dom'
import type { GithubState, SimulatedGist } from '../test/platform-simulator/github.js'
import { readRealPage, withGithubLogin } from '../test/support/real-pages.js'

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'github')
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8')
const require = createRequire(import.meta.url)
const SINGLE_GIST = /^\/([^/]+)\/([0-9a-f]{20,32})\/?$/

/** The file editor of the new-gist form: the bare textarea of the fixture, or a CodeMirror 6 stand-in over it. */
export type GistEditor = 'textarea' | 'codemirror6'

export type FakeGistSite = {
  /** The login the pages show as signed in (meta user-login). */
  login: string
  editor: GistEditor
  /** Bodies of the form POSTs that reached the fake, in order. */
  readonly posts: URLSearchParams[]
}

/** Serves gist.github.com signed in as `login` (numeric id `ownerId`), creating gists in `github`. */
export async function serveFakeGist(
  context: BrowserContext,
  github: GithubState,
  account: {
    login: string
    ownerId: number
    editor?: GistEditor
    /** The new-gist page to serve instead of the fixture (a real saved page, realNewGistPage). */
    newGistPage?: string
    /** The gist page to render created gists into instead of the fixture (a real saved gist page). */
    gistPageTemplate?: string
  },
): Promise<FakeGistSite> {
  const site: FakeGistSite = { login: account.login, editor: account.editor ?? 'textarea', posts: [] }
  // GitHub's asset hosts cannot be reached offline: refused at once rather than left to time out.
  for (const host of ['https://github.githubassets.com/**', 'https://avatars.githubusercontent.com/**']) {
    await context.route(host, (route) => route.abort('blockedbyclient'))
  }
  await context.route('https://gist.github.com/**', async (route, request) => {
    const url = new URL(request.url())
    // GitHub's form posts to / (platforms.md §2.2, the real saved pages).
    if (request.method() === 'POST' && url.pathname === '/') {
      await createGist(route, request, github, site, account.ownerId)
      return
    }
    if (request.method() !== 'GET') return route.fulfill({ status: 404, body: 'Not Found' })
    if (url.pathname === '/' || url.pathname === '/new') {
      return html(route, account.newGistPage ?? newGistPage(site.login, site.editor))
    }
    const match = SINGLE_GIST.exec(url.pathname)
    const gist = match?.[2] ? github.gist(match[2]) : undefined
    if (!match || !gist || gist.owner?.login !== match[1]) return route.fulfill({ status: 404, body: 'Not Found' })
    return html(route, gistPage(gist, site.login, account.gistPageTemplate))
  })
  return site
}

/** The form's POST: checks it like GitHub would (token, empty honeypot), stores the gist, redirects to it. */
async function createGist(route: Route, request: Request, github: GithubState, site: FakeGistSite, ownerId: number) {
  const form = new URLSearchParams(request.postData() ?? '')
  site.posts.push(form)
  const honeypotFilled = [...form.entries()].some(([name, value]) => name.startsWith('required_field_') && value !== '')
  if (!form.get('authenticity_token') || honeypotFilled) return route.fulfill({ status: 422, body: 'Unprocessable' })
  const names = form.getAll('gist[contents][][name]')
  const values = form.getAll('gist[contents][][value]')
  // Browsers send textarea newlines as CRLF; GitHub stores LF (UNCONFIRMED; the proof is JSON either way).
  const files = Object.fromEntries(names.map((name, index) => [name, (values[index] ?? '').replace(/\r\n/g, '\n')]))
  const id = github.publishGist({
    owner: { login: site.login, id: ownerId },
    files,
    public: form.get('gist[public]') === '1',
    description: form.get('gist[description]') ?? '',
  })
  return route.fulfill({ status: 302, headers: { location: `https://gist.github.com/${site.login}/${id}` } })
}

function html(route: Route, body: string) {
  return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body })
}

/** The saved new-gist form, signed in as `login`, with `editor` over the file's field. */
export function newGistPage(login: string, editor: GistEditor = 'textarea'): string {
  return render(fixture('new-gist.html'), (document) => {
    document.querySelector('meta[name="user-login"]')?.setAttribute('content', login)
    if (editor === 'codemirror6') addCodeMirror6(document)
  })
}

/**
 * A real saved new-gist page (../shared/real-pages/github/) signed in as `login`. GitHub's own
 * scripts cannot load offline; with `editor: 'codemirror5'` its editor runs anyway — the real
 * CodeMirror 5 library (the codemirror@5 package) replaces the editor the page saved as static
 * markup, over the same hidden textarea, in contenteditable mode as GitHub runs it, holding the
 * lines the user had typed. With `editor: 'saved'` the page is left as saved: an editor that takes
 * no input.
 */
export function realNewGistPage(file: string, login: string, editor: 'codemirror5' | 'saved'): string {
  const page = withGithubLogin(readRealPage(file), login)
  if (editor === 'saved') return page
  return render(page, (document) => {
    const saved = document.querySelector('form#new_gist .CodeMirror')
    const textarea = document.querySelector('textarea[name="gist[contents][][value]"]')
    if (!saved || !textarea) throw new Error(`${file} has no CodeMirror editor over its file field`)
    const typed = [...saved.querySelectorAll('pre.CodeMirror-line')].map((line) => line.textContent ?? '')
    textarea.textContent = typed.join('\n').replace(/\u200b/g, '')
    saved.remove()
    const style = document.createElement('style')
    style.textContent = readFileSync(CODE_MIRROR_5.css, 'utf8')
    const library = document.createElement('script')
    library.textContent = readFileSync(CODE_MIRROR_5.js, 'utf8')
    const start = document.createElement('script')
    start.textContent = `CodeMirror.fromTextArea(document.querySelector('textarea[name="gist[contents][][value]"]'), { inputStyle: 'contenteditable', lineNumbers: true })`
    document.head.append(style)
    document.body.append(library, start)
  })
}

const CODE_MIRROR_5 = {
  js: require.resolve('codemirror/lib/codemirror.js'),
  css: require.resolve('codemirror/lib/codemirror.css'),
}

/**
 * A stand-in for a CodeMirror 6 editor (platforms.md §2.4): `.cm-content` contenteditable with one
 * `.cm-line` per line, which, like CodeMirror, takes the browser's edits, re-renders its lines from
 * them and writes its text into the hidden textarea when the form is submitted. Setting the
 * textarea alone is therefore lost, as on a real editor.
 */
function addCodeMirror6(document: Document): void {
  const textarea = document.querySelector('textarea[name="gist[contents][][value]"]')
  if (!textarea) throw new Error('new-gist.html has no content field')
  textarea.setAttribute('hidden', 'hidden')
  const editor = document.createElement('div')
  editor.className = 'cm-editor'
  editor.innerHTML =
    '<div class="cm-scroller"><div class="cm-content" contenteditable="true" role="textbox" aria-multiline="true" ' +
    'style="white-space: pre; min-height: 240px; padding: 8px; font: 12px/1.5 monospace; tab-size: 4; outline: none">' +
    '<div class="cm-line"><br></div></div></div>'
  textarea.after(editor)
  const script = document.createElement('script')
  script.textContent = `
    const content = document.querySelector('.cm-content')
    let doc = ''
    const render = () => content.replaceChildren(...doc.split('\\n').map((text) => {
      const line = document.createElement('div')
      line.className = 'cm-line'
      if (text) line.textContent = text; else line.append(document.createElement('br'))
      return line
    }))
    content.addEventListener('input', () => { doc = content.innerText.replace(/\\n$/, ''); render() })
    document.querySelector('form#new_gist').addEventListener('submit', () => {
      document.querySelector('textarea[name="gist[contents][][value]"]').value = doc
    })
  `
  document.body.append(script)
}

/**
 * A saved gist page (the fixture, or a real one as `template`) with `gist`'s owner, description and
 * files in the page's own file-box markup, viewed by `viewer` — or still signed out when the saved
 * page was (its `user-login` empty).
 */
export function gistPage(gist: SimulatedGist, viewer: string, template = fixture('gist.html')): string {
  const owner = gist.owner?.login ?? ''
  return render(template, (document) => {
    const login = document.querySelector('meta[name="user-login"]')
    if (login?.getAttribute('content')) login.setAttribute('content', viewer)
    const [firstName = ''] = Object.keys(gist.files)
    document.title = firstName
    const author = document.querySelector('.gisthead .author a')
    author?.setAttribute('href', `/${owner}`)
    if (author) author.textContent = owner
    const title = document.querySelector('.gisthead [itemprop="name"] a')
    title?.setAttribute('href', `/${owner}/${gist.id}`)
    if (title) title.textContent = firstName
    const about = document.querySelector('[itemprop="about"]')
    if (about) about.textContent = gist.description
    // The page's file boxes are replaced by the gist's, each cloned from a box shown as code lines.
    const saved = [...document.querySelectorAll('.gist-content .file')]
    const template = saved.find((box) => box.querySelector('tbody tr'))
    if (!template || !saved[0]) throw new Error('the gist page has no file box with code lines')
    for (const [name, file] of Object.entries(gist.files)) {
      saved[0].before(fileBox(template, owner, gist.id, name, typeof file === 'string' ? file : file.content))
    }
    for (const box of saved) box.remove()
  })
}

/** One file box cloned from the template: name, Raw link and one table row per line. */
function fileBox(template: Element, owner: string, gistId: string, name: string, content: string): Element {
  const box = template.cloneNode(true) as Element
  const anchor = `file-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`
  box.id = anchor
  const nameCell = box.querySelector('.gist-blob-name')
  if (nameCell) nameCell.textContent = name
  box.querySelector('.file-info a')?.setAttribute('href', `#${anchor}`)
  box.querySelector('.file-actions a')?.setAttribute('href', `/${owner}/${gistId}/raw/${'b'.repeat(40)}/${name}`)
  const body = box.querySelector('tbody')
  const row = body?.querySelector('tr')
  if (!body || !row) throw new Error('the file box has no line table')
  const lines = content.replace(/\n$/, '').split('\n')
  body.replaceChildren(
    ...lines.map((line, index) => {
      const copy = row.cloneNode(true) as Element
      const [number, code] = copy.querySelectorAll('td')
      number?.setAttribute('id', `${anchor}-L${index + 1}`)
      number?.setAttribute('data-line-number', String(index + 1))
      code?.setAttribute('id', `${anchor}-LC${index + 1}`)
      // GitHub renders an empty line as a lone newline.
      if (code) code.textContent = line === '' ? '\n' : line
      return copy
    }),
  )
  return box
}

function render(page: string, change: (document: Document) => void): string {
  const window = new Window({ settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true } })
  try {
    const document = new window.DOMParser().parseFromString(page, 'text/html') as unknown as Document
    change(document)
    return `<!DOCTYPE html>\n${document.documentElement.outerHTML}`
  } finally {
    void window.happyDOM.close()
  }
}

type CdpNode = {
  nodeType: number
  nodeValue: string
  attributes?: string[]
  children?: CdpNode[]
  shadowRoots?: CdpNode[]
}

/** The helper's banner as shown (tone and visible text), or null when none is shown. */
export async function readBanner(page: Page): Promise<{ tone: string; text: string } | null> {
  const cdp = await page.context().newCDPSession(page)
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode }
    const host = findNode(root, (node) => attribute(node, 'id') === 'nextid-companion-banner')
    const banner =
      host?.shadowRoots?.[0] && findNode(host.shadowRoots[0], (node) => attribute(node, 'class') === 'banner')
    if (!banner) return null
    return { tone: attribute(banner, 'data-tone') ?? '', text: textOf(banner).replace(/\s+/g, ' ').trim() }
  } finally {
    await cdp.detach()
  }
}

function attribute(node: CdpNode, name: string): string | undefined {
  const attributes = node.attributes ?? []
  const index = attributes.findIndex((value, position) => position % 2 === 0 && value === name)
  return index < 0 ? undefined : attributes[index + 1]
}

function findNode(node: CdpNode, test: (node: CdpNode) => boolean): CdpNode | undefined {
  if (test(node)) return node
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
    const found = findNode(child, test)
    if (found) return found
  }
  return undefined
}

/** Text of the banner's elements, each block separated by a space; <style> skipped. */
function textOf(node: CdpNode): string {
  if (node.nodeType === 3) return node.nodeValue
  return (node.children ?? []).map((child) => textOf(child)).join(' ')
}
