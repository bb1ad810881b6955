import { describe, expect, it } from 'vitest'
import { validateMnemonic } from '../../../src/vault/index.js'
import { NotFoundError, QuizFailedError } from '../errors.js'
import { createPhraseDrafts, DRAFT_LIFETIME_MS } from './phrase-drafts.js'

function setup() {
  let time = 1_000_000
  const drafts = createPhraseDrafts(() => time)
  return { drafts, advance: (ms: number) => (time += ms) }
}

function answersFor(phrase: string, positions: number[], transform = (word: string) => word) {
  const words = phrase.split(' ')
  return Object.fromEntries(positions.map((position) => [position, transform(words[position - 1] ?? '')]))
}

describe('phrase drafts', () => {
  it('generates a valid phrase of 12 or 24 words with 3 distinct ascending positions in range', () => {
    const { drafts } = setup()
    for (const words of [12, 24] as const) {
      const draft = drafts.begin(words)
      expect(validateMnemonic(draft.phrase).split(' ')).toHaveLength(words)
      expect(new Set(draft.quizPositions).size).toBe(3)
      expect([...draft.quizPositions].sort((a, b) => a - b)).toEqual(draft.quizPositions)
      for (const position of draft.quizPositions) expect(position >= 1 && position <= words).toBe(true)
    }
  })

  it('accepts the right answers case-insensitively, with surrounding spaces', () => {
    const { drafts } = setup()
    const draft = drafts.begin(12)
    const answers = answersFor(draft.phrase, draft.quizPositions, (word) => ` ${word.toUpperCase()} `)
    expect(drafts.confirm(draft.draftId, answers)).toBe(draft.phrase)
  })

  it('names the wrong positions and keeps the draft for another try', () => {
    const { drafts } = setup()
    const draft = drafts.begin(12)
    const [first = 0, , third = 0] = draft.quizPositions
    const answers = { ...answersFor(draft.phrase, draft.quizPositions), [first]: 'zzz', [third]: '' }
    expect(() => drafts.confirm(draft.draftId, answers)).toThrow(new QuizFailedError([first, third]))
    expect(drafts.confirm(draft.draftId, answersFor(draft.phrase, draft.quizPositions))).toBe(draft.phrase)
  })

  it('expires after 10 minutes', () => {
    const { drafts, advance } = setup()
    const draft = drafts.begin(12)
    const answers = answersFor(draft.phrase, draft.quizPositions)
    advance(DRAFT_LIFETIME_MS - 1)
    expect(drafts.confirm(draft.draftId, answers)).toBe(draft.phrase)
    advance(1)
    expect(() => drafts.confirm(draft.draftId, answers)).toThrow(new NotFoundError('phrase draft (or it expired)'))
  })

  it('forgets discarded and cleared drafts', () => {
    const { drafts } = setup()
    const one = drafts.begin(12)
    const two = drafts.begin(12)
    drafts.discard(one.draftId)
    expect(() => drafts.confirm(one.draftId, {})).toThrow(NotFoundError)
    drafts.clear()
    expect(() => drafts.confirm(two.draftId, {})).toThrow(NotFoundError)
  })

  it('refuses bad input with the field named', () => {
    const { drafts } = setup()
    expect(() => drafts.begin(13)).toThrow('"words" expected 12 or 24, got 13')
    const draft = drafts.begin(12)
    expect(() => drafts.confirm(7, {})).toThrow('"draftId" expected string, got number')
    expect(() => drafts.confirm(draft.draftId, null)).toThrow('"answers" expected an object, got null')
    const position = draft.quizPositions[0] ?? 1
    expect(() => drafts.confirm(draft.draftId, { [position]: 5 })).toThrow(`"answers.${position}" expected string`)
  })
})
