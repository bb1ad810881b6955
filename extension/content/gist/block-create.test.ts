// @vitest-environment happy-dom
import { beforeEach, expect, test } from 'vitest'
import { loadFixture } from '../../../test/support/extension/gist-fixture-pages.js'
import { blockCreate } from './block-create.js'
import { findNewGistForm, type NewGistForm } from './gist-dom.js'

let parts: NewGistForm
let submitted: number
let blocked: number

beforeEach(() => {
  document.documentElement.innerHTML = loadFixture('newGist').documentElement.innerHTML
  const found = findNewGistForm(document)
  if (!found) throw new Error('fixture form not found')
  parts = found
  submitted = 0
  blocked = 0
  // The page's own handler: it would send the form.
  parts.form.addEventListener('submit', (event) => {
    event.preventDefault()
    submitted += 1
  })
})

function block(): void {
  blockCreate(parts.form, () => (blocked += 1))
}

test('without the block, the create button submits the form (the test can fail)', () => {
  parts.createButtons[0]?.click()
  expect(submitted).toBe(1)
})

test('a click on the create button, requestSubmit and Enter-style submits are all refused', () => {
  block()
  parts.createButtons[0]?.click()
  parts.form.requestSubmit()
  parts.form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
  expect(submitted).toBe(0)
  expect(blocked).toBeGreaterThanOrEqual(3)
  expect(parts.createButtons[0]?.getAttribute('aria-disabled')).toBe('true')
})

test('other buttons of the page still work', () => {
  block()
  let added = 0
  const addFile = document.querySelector<HTMLButtonElement>('.js-add-gist-file')
  addFile?.addEventListener('click', () => (added += 1))
  addFile?.click()
  expect(added).toBe(1)
  expect(blocked).toBe(0)
})
