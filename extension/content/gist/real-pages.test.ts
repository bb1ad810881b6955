// @vitest-environment happy-dom
/**
 * The gist helper on the real saved new-gist pages (../shared/real-pages/github/, README there):
 * GitHub's editor is CodeMirror 5 in contenteditable mode, the form's textarea hidden. Here the
 * page's scripts do not run and happy-dom has no editing commands, so the editor cannot take the
 * text: the helper must say it could not fill the form — never "filled" while the visible editor
 * still shows the user's own lines. (The e2e spec runs the same pages with the editor running.)
 */
import { describe, expect, test } from 'vitest'
import { SAMPLE_GIST_TASK } from '../../../test/support/extension/gist-fixture-pages.js'
import {
  HAS_REAL_PAGES,
  REAL_GIST_VIEW_PAGE,
  REAL_NEW_GIST_PAGES,
  REAL_PAGES_MISSING,
  REAL_SIGNED_OUT_GIST_PAGE,
  readRealPage,
  withGithubLogin,
  withoutExternalResources,
} from '../../../test/support/real-pages.js'
import { fillNewGist } from './fill-new-gist.js'
import { findNewGistForm, readGistFile, readSignedInLogin } from './gist-dom.js'

const TASK = SAMPLE_GIST_TASK

const load = (file: string) =>
  new DOMParser().parseFromString(withoutExternalResources(withGithubLogin(readRealPage(file), 'alice')), 'text/html')

const TITLE = `${HAS_REAL_PAGES ? '' : `${REAL_PAGES_MISSING} — `}the real new-gist page %s`

describe.skipIf(!HAS_REAL_PAGES).each(REAL_NEW_GIST_PAGES)(TITLE, (file) => {
  test('shows the signed-in account and one form whose editor is CodeMirror 5 in contenteditable mode', () => {
    const doc = load(file)
    expect(readSignedInLogin(doc)).toBe('alice')
    const form = findNewGistForm(doc)
    expect(form?.form.getAttribute('action')).toMatch(/^(https:\/\/gist\.github\.com)?\/$/)
    expect(form?.editor.kind).toBe('codemirror5')
    expect(
      form?.editor.kind === 'codemirror5' && form.editor.input.matches('.CodeMirror-code[contenteditable="true"]'),
    ).toBe(true)
    expect(form?.content.style.display).toBe('none')
  })

  test('never reports filled while the visible editor does not hold the proof', async () => {
    const doc = load(file)
    const form = findNewGistForm(doc)
    if (!form) throw new Error('no form')
    const before = [...doc.querySelectorAll('.CodeMirror-code pre.CodeMirror-line')].map((line) => line.textContent)
    const { filled, readBack } = await fillNewGist(form, TASK, async () => undefined)
    expect(filled).toBe(false)
    // What the user sees is read back, not the hidden textarea the helper could have written.
    expect(readBack.content.split('\n')).toEqual(before.map((line) => (line ?? '').replace(/\u200b/g, '')))
    expect(readBack.fileName).toBe(TASK.fileName)
  })
})

describe.skipIf(!HAS_REAL_PAGES)(TITLE.replace('the real new-gist page %s', 'the real gist pages'), () => {
  const parse = (file: string) =>
    new DOMParser().parseFromString(withoutExternalResources(readRealPage(file)), 'text/html')

  test('reads a file of a gist as its page shows it, line by line, and nothing for a file shown as Markdown', () => {
    const doc = parse(REAL_GIST_VIEW_PAGE)
    expect(readSignedInLogin(doc)).toBe('hocbaicungcon')
    const ruby = readGistFile(doc, 'youtube.rb')?.split('\n')
    expect(ruby).toHaveLength(28)
    expect(ruby?.[0]).toBe('class YouTube < Liquid::Tag')
    expect(ruby?.at(-1)).toBe('end')
    expect(readGistFile(doc, 'README.md')).toBeNull()
    expect(readGistFile(doc, `0x02${'ab'.repeat(32)}.json`)).toBeNull()
  })

  test('sees nobody signed in on a signed-out gist page', () => {
    expect(readSignedInLogin(parse(REAL_SIGNED_OUT_GIST_PAGE))).toBeNull()
  })
})
