// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest'
import { loadFixture } from '../../../test/support/extension/gist-fixture-pages.js'
import { findNewGistForm, readGistFile, readSignedInLogin } from './gist-dom.js'

const PROOF_FILE = `0x02${'5d'.repeat(32)}.json`

describe('readSignedInLogin', () => {
  test('reads the login on signed-in pages', () => {
    expect(readSignedInLogin(loadFixture('newGist'))).toBe('alice')
    expect(readSignedInLogin(loadFixture('gist'))).toBe('alice')
  })

  test('is null on the signed-out page', () => {
    expect(readSignedInLogin(loadFixture('signedOut'))).toBeNull()
  })

  test('is null without body.logged-in even when the meta names someone', () => {
    const doc = loadFixture('newGist')
    doc.body.classList.remove('logged-in')
    expect(readSignedInLogin(doc)).toBeNull()
  })

  test('is null when the meta is not a GitHub login', () => {
    const doc = loadFixture('newGist')
    doc.querySelector('meta[name="user-login"]')?.setAttribute('content', 'alice<script>')
    expect(readSignedInLogin(doc)).toBeNull()
  })
})

describe('findNewGistForm', () => {
  test('finds exactly one of each field and one create button', () => {
    const parts = findNewGistForm(loadFixture('newGist'))
    expect(parts?.form.id).toBe('new_gist')
    expect(parts?.description.name).toBe('gist[description]')
    expect(parts?.fileName.name).toBe('gist[contents][][name]')
    expect(parts?.content.name).toBe('gist[contents][][value]')
    expect(parts?.publicRadio.value).toBe('1')
    expect(parts?.editor).toEqual({ kind: 'textarea' })
    expect(parts?.createButtons.map((button) => button.textContent?.trim())).toEqual(['Create secret gist'])
  })

  test('is null on pages without the form', () => {
    expect(findNewGistForm(loadFixture('gist'))).toBeNull()
    expect(findNewGistForm(loadFixture('signedOut'))).toBeNull()
  })

  test('is null once the user added a second file (the helper then stays out of the way)', () => {
    const doc = loadFixture('newGist')
    const file = doc.querySelector('.js-gist-file')
    file?.after(file.cloneNode(true))
    expect(findNewGistForm(doc)).toBeNull()
  })

  test('sees a CodeMirror 6 editor over the field', () => {
    const doc = loadFixture('newGist')
    const editor = doc.createElement('div')
    editor.innerHTML = '<div class="cm-editor"><div class="cm-content" contenteditable="true"></div></div>'
    doc.querySelector('.commit-create')?.append(editor)
    expect(findNewGistForm(doc)?.editor.kind).toBe('codemirror6')
  })
})

describe('readGistFile', () => {
  test('reads the proof file line by line, tabs kept', () => {
    const text = readGistFile(loadFixture('gist'), PROOF_FILE)
    const document = JSON.parse(text ?? '') as Record<string, string>
    expect(document.github_username).toBe('alice')
    expect(document.persona).toBe(PROOF_FILE.replace('.json', ''))
    expect(text?.split('\n')).toHaveLength(11)
    expect(text?.split('\n')[1]).toBe('\t"version": "1",')
  })

  test('is null for a file name the gist does not have', () => {
    expect(readGistFile(loadFixture('gist'), `0x03${'5d'.repeat(32)}.json`)).toBeNull()
    expect(readGistFile(loadFixture('newGist'), PROOF_FILE)).toBeNull()
  })
})
