import { describe, expect, it } from 'vitest'
import { validateMnemonic } from '../../../src/vault/index.js'
import { NotFoundError, QuizFailedError } from '../errors.js'
import { createMemoryStore } from '../storage/storage-ports.js'
import { createPhraseDrafts, DRAFT_LIFETIME_MS, DRAFTS_KEY } from './phrase-drafts.js'

function setup(store = createMemoryStore()) {
  let time = 1_000_000
  const drafts = createPhraseDrafts(store, () => time)
  return { drafts, store, advance: (ms: number) => (time += ms) }
}

function answersFor(phrase: string, positions: number[], transform = (word: string) => word) {
  const words = phrase.split(' ')
  return Object.fromEntries(positions.map((position) => [position, transform(words[position - 1] ?? '')]))
}

describe('phrase drafts', () => {
  it('generates a valid phrase of 12 or 24 words with 3 distinct ascending positions in range', async () => {
    const { drafts } = setup()
    for (const words of [12, 24] as const) {
      const draft = await drafts.begin(words)
      expect(validateMnemonic(draft.phrase).split(' ')).toHaveLength(words)
      expect(new Set(draft.quizPositions).size).toBe(3)
      expect([...draft.quizPositions].sort((a, b) => a - b)).toEqual(draft.quizPositions)
      for (const position of draft.quizPositions) expect(position >= 1 && position <= words).toBe(true)
    }
  })

  it('accepts the right answers case-insensitively, with surrounding spaces', async () => {
    const { drafts } = setup()
    const draft = await drafts.begin(12)
    const answers = answersFor(draft.phrase, draft.quizPositions, (word) => ` ${word.toUpperCase()} `)
    expect(await drafts.confirm(draft.draftId, answers)).toBe(draft.phrase)
  })

  it('names the wrong positions and keeps the draft for another try', async () => {
    const { drafts } = setup()
    const draft = await drafts.begin(12)
    const [first = 0, , third = 0] = draft.quizPositions
    const answers = { ...answersFor(draft.phrase, draft.quizPositions), [first]: 'zzz', [third]: '' }
    await expect(drafts.confirm(draft.draftId, answers)).rejects.toThrow(new QuizFailedError([first, third]))
    expect(await drafts.confirm(draft.draftId, answersFor(draft.phrase, draft.quizPositions))).toBe(draft.phrase)
  })

  it('expires after 10 minutes', async () => {
    const { drafts, advance } = setup()
    const draft = await drafts.begin(12)
    const answers = answersFor(draft.phrase, draft.quizPositions)
    advance(DRAFT_LIFETIME_MS - 1)
    expect(await drafts.confirm(draft.draftId, answers)).toBe(draft.phrase)
    advance(1)
    await expect(drafts.confirm(draft.draftId, answers)).rejects.toThrow(
      new NotFoundError('phrase draft (or it expired)'),
    )
  })

  it('forgets discarded and cleared drafts', async () => {
    const { drafts } = setup()
    const one = await drafts.begin(12)
    const two = await drafts.begin(12)
    await drafts.discard(one.draftId)
    await expect(drafts.confirm(one.draftId, {})).rejects.toThrow(NotFoundError)
    await drafts.clear()
    await expect(drafts.confirm(two.draftId, {})).rejects.toThrow(NotFoundError)
  })

  it('refuses bad input with the field named', async () => {
    const { drafts } = setup()
    await expect(drafts.begin(13)).rejects.toThrow('"words" expected 12 or 24, got 13')
    const draft = await drafts.begin(12)
    await expect(drafts.confirm(7, {})).rejects.toThrow('"draftId" expected string, got number')
    await expect(drafts.confirm(draft.draftId, null)).rejects.toThrow('"answers" expected an object, got null')
    const position = draft.quizPositions[0] ?? 1
    await expect(drafts.confirm(draft.draftId, { [position]: 5 })).rejects.toThrow(
      `"answers.${position}" expected string`,
    )
  })

  it('keeps drafts in the store, so a restarted background still confirms one; damaged entries are ignored', async () => {
    const { drafts, store } = setup()
    const draft = await drafts.begin(12)
    const answers = answersFor(draft.phrase, draft.quizPositions)
    const restarted = setup(store).drafts // the worker was stopped while the phrase was shown
    expect(await restarted.confirm(draft.draftId, answers)).toBe(draft.phrase)
    store.data.set(DRAFTS_KEY, { ...(store.data.get(DRAFTS_KEY) as object), broken: { phrase: 7 } })
    await expect(restarted.confirm('broken', {})).rejects.toThrow(NotFoundError)
    await restarted.discard(draft.draftId)
    expect(store.data.has(DRAFTS_KEY)).toBe(false)
  })
})
