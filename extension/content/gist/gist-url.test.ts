import { expect, test } from 'vitest'
import { isNewGistPath, parseGistPath } from './gist-url.js'

test('the new-gist form paths', () => {
  expect(['/', '/new', '/new/'].map(isNewGistPath)).toEqual([true, true, true])
  expect(['/alice', '/discover', '/new/x', ''].map(isNewGistPath)).toEqual([false, false, false, false])
})

test('single-gist paths give owner and id (20 or 32 hex, optional revision)', () => {
  const id32 = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1'
  expect(parseGistPath(`/alice/${id32}`)).toEqual({ owner: 'alice', id: id32 })
  expect(parseGistPath(`/Alice-B/${'c'.repeat(20)}/`)).toEqual({ owner: 'Alice-B', id: 'c'.repeat(20) })
  expect(parseGistPath(`/alice/${id32}/${'d'.repeat(40)}`)).toEqual({ owner: 'alice', id: id32 })
})

test('anything else is not a single gist', () => {
  for (const path of [
    '/alice',
    `/alice/${'a'.repeat(21)}`,
    `/alice/${'A'.repeat(32)}`,
    `/alice/${'a'.repeat(32)}/revisions`,
    `/-alice/${'a'.repeat(32)}`,
    `/alice/${'a'.repeat(32)}/raw/x`,
  ]) {
    expect(parseGistPath(path), path).toBeNull()
  }
})
