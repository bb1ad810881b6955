// @vitest-environment happy-dom
import { beforeEach, expect, test } from 'vitest'
import { loadFixture, SAMPLE_GIST_TASK } from '../../../test/support/extension/gist-fixture-pages.js'
import { fillNewGist, PROOF_DESCRIPTION, readNewGist } from './fill-new-gist.js'
import { findNewGistForm, type NewGistForm } from './gist-dom.js'

const TASK = SAMPLE_GIST_TASK

let parts: NewGistForm
const noPause = async () => undefined
const events: string[] = []

beforeEach(() => {
  document.documentElement.innerHTML = loadFixture('newGist').documentElement.innerHTML
  const found = findNewGistForm(document)
  if (!found) throw new Error('fixture form not found')
  parts = found
  events.length = 0
  for (const field of [parts.fileName, parts.content]) {
    field.addEventListener('input', () => events.push(`input ${field.name}`))
  }
  parts.publicRadio.addEventListener('change', () => events.push('change gist[public]'))
})

test('fills the one file, makes the gist public and reads back exactly what will be submitted', async () => {
  expect(readNewGist(parts)).toEqual({ description: '', fileName: '', content: '', isPublic: false })
  const { readBack, filled } = await fillNewGist(parts, TASK, noPause)
  expect(filled).toBe(true)
  expect(readBack).toEqual({
    description: PROOF_DESCRIPTION,
    fileName: TASK.fileName,
    content: TASK.postText,
    isPublic: true,
  })
  // The page hears the edits the way it hears a user's.
  expect(events).toEqual(['input gist[contents][][name]', 'input gist[contents][][value]', 'change gist[public]'])
  // The honeypot stays empty and the token is untouched.
  const data = new FormData(parts.form)
  expect(data.get('required_field_4b1c')).toBe('')
  expect(data.get('authenticity_token')).toBe('FIXTURE-AUTHENTICITY-TOKEN')
  expect(data.getAll('gist[public]')).toEqual(['1'])
})

test('reports not filled when the page changes the text behind the helper', async () => {
  parts.content.addEventListener('input', () => {
    parts.content.value = 'something else'
  })
  const { readBack, filled } = await fillNewGist(parts, TASK, noPause)
  expect(filled).toBe(false)
  expect(readBack.content).toBe('something else')
})

test('reports not filled when the gist stays secret', async () => {
  parts.publicRadio.addEventListener('click', (event) => event.preventDefault())
  parts.publicRadio.addEventListener('change', () => {
    parts.publicRadio.checked = false
  })
  expect(await fillNewGist(parts, TASK, noPause)).toMatchObject({ filled: false, readBack: { isPublic: false } })
})
