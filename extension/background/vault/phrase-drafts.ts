/**
 * Recovery phrases being written down at creation. Held in service-worker memory only (never in
 * storage.session), for 10 minutes; a worker restart or a lock simply drops them.
 */
import { InvalidInputError } from '../../../src/errors.js'
import { requireNonEmptyString, requirePlainObject } from '../../../src/input.js'
import { generateMnemonic } from '../../../src/vault/index.js'
import type { PhraseDraft } from '../../messaging/catalogue.js'
import { NotFoundError, QuizFailedError } from '../errors.js'

export const DRAFT_LIFETIME_MS = 10 * 60_000
export const QUIZ_SIZE = 3

type HeldDraft = PhraseDraft & { expiresAt: number }

/** Drafts by id; `now` is injected so expiry is testable. */
export type PhraseDrafts = {
  begin(words: unknown): PhraseDraft
  /** Checks the quiz answers and returns the phrase; the draft stays until discard (or expiry). */
  confirm(draftId: unknown, answers: unknown): string
  /** Forgets a draft once its avatar is stored. */
  discard(draftId: string): void
  clear(): void
}

/** Creates an empty draft registry. */
export function createPhraseDrafts(now: () => number, random: (bound: number) => number = randomBelow): PhraseDrafts {
  const drafts = new Map<string, HeldDraft>()
  const dropExpired = () => {
    for (const [id, draft] of drafts) if (now() >= draft.expiresAt) drafts.delete(id)
  }
  return {
    begin(words) {
      dropExpired()
      const phrase = generateMnemonic(words as 12 | 24)
      const count = phrase.split(' ').length
      const draft = { draftId: crypto.randomUUID(), phrase, quizPositions: pickPositions(count, random) }
      drafts.set(draft.draftId, { ...draft, expiresAt: now() + DRAFT_LIFETIME_MS })
      return draft
    },
    confirm(draftId, answers) {
      dropExpired()
      const id = requireNonEmptyString(draftId, 'draftId')
      const draft = drafts.get(id)
      if (!draft) throw new NotFoundError('phrase draft (or it expired)')
      const wrong = wrongPositions(draft, requirePlainObject(answers, 'answers'))
      if (wrong.length > 0) throw new QuizFailedError(wrong)
      return draft.phrase
    },
    discard(draftId) {
      drafts.delete(draftId)
    },
    clear() {
      drafts.clear()
    },
  }
}

/** The asked positions whose answer differs from the phrase (case and surrounding spaces ignored). */
function wrongPositions(draft: HeldDraft, answers: Record<string, unknown>): number[] {
  const words = draft.phrase.split(' ')
  return draft.quizPositions.filter((position) => {
    const answer = answers[String(position)]
    if (answer !== undefined && typeof answer !== 'string') {
      throw new InvalidInputError(`answers.${position}`, 'expected string')
    }
    return (answer ?? '').trim().toLowerCase() !== words[position - 1]
  })
}

/** QUIZ_SIZE distinct 1-based positions, ascending. */
function pickPositions(count: number, random: (bound: number) => number): number[] {
  const positions = new Set<number>()
  while (positions.size < QUIZ_SIZE) positions.add(random(count) + 1)
  return [...positions].sort((a, b) => a - b)
}

/** An unbiased random integer in [0, bound) from the CSPRNG. */
function randomBelow(bound: number): number {
  const limit = Math.floor(0x1_0000_0000 / bound) * bound
  const buffer = new Uint32Array(1)
  for (;;) {
    crypto.getRandomValues(buffer)
    const value = buffer[0] ?? 0
    if (value < limit) return value % bound
  }
}
