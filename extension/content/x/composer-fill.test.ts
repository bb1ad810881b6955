// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { loadXFixture } from '../../../test/support/extension/x-fixture-pages.js'
import { fillComposer } from './composer-fill.js'
import { findComposer, readComposerText } from './selectors.js'

describe('fillComposer', () => {
  it('leaves a composer that already holds the text (the intent pre-filled it)', () => {
    const composer = findComposer(loadXFixture('intent')) as HTMLElement
    const text = readComposerText(composer)
    expect(fillComposer(composer, text.replaceAll('\n', '\n\n'))).toBe('prefilled')
  })

  it('never overwrites other text the user typed', () => {
    const composer = findComposer(loadXFixture('intent')) as HTMLElement
    const before = readComposerText(composer)
    expect(fillComposer(composer, 'a different proof')).toBe('failed')
    expect(readComposerText(composer)).toBe(before)
  })
})
