// @vitest-environment happy-dom
/**
 * Every gist selector against the saved pages (e2e/fixtures/github/, rebuilt from platforms.md §2):
 * each must match exactly the count written beside it in selectors.ts.
 */
import { describe, expect, test } from 'vitest'
import { FIXTURE_FILES, loadFixture } from '../../../test/support/extension/gist-fixture-pages.js'
import { GIST_SELECTORS, type PageFixture } from './selectors.js'

describe.each(Object.keys(FIXTURE_FILES) as PageFixture[])('on the %s fixture', (page) => {
  const doc = loadFixture(page)
  test.each(Object.entries(GIST_SELECTORS))('%s matches its documented count', (_name, selector) => {
    expect(doc.querySelectorAll(selector.css)).toHaveLength(selector.counts[page])
  })
})

test('the new-gist fixture keeps the fields GitHub posts, with the honeypot empty', () => {
  const form = loadFixture('newGist').querySelector<HTMLFormElement>(GIST_SELECTORS.newGistForm.css)
  expect(form?.getAttribute('action')).toBe('/')
  const names = [...(form?.querySelectorAll('[name]') ?? [])].map((field) => field.getAttribute('name'))
  expect(names).toEqual([
    'authenticity_token',
    'timestamp',
    'timestamp_secret',
    'required_field_4b1c',
    'gist[description]',
    'gist[contents][][oid]',
    'gist[contents][][name]',
    'gist[contents][][value]',
    'gist[public]',
    'gist[public]',
  ])
  expect(form?.querySelector<HTMLInputElement>('[name^="required_field_"]')?.value).toBe('')
  expect(form?.querySelector('summary[aria-label="Select a type of Gist"]')).not.toBeNull()
})
