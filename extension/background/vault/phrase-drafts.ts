/**
 * Recovery phrases being written down at creation, for 10 minutes. They live in storage.session
 * (browser memory, never on disk, out of content scripts' reach — where the unlocked vault's key
 * already is), not in the background's memory: writing down 12 words takes longer than the 30 s
 * after which Chrome stops an idle service worker and Firefox suspends an idle event page. A lock
 * drops them with everything else.
 */
import { InvalidInputError } from '../../../src/errors.js'
import { requireNonEmptyString, requirePlainObject } from '../../../src/input.js'
import { generateMnemonic } from '../../../src/vault/index.js'
import type { PhraseDraft } from '../../messaging/catalogue.js'
import { NotFoundError, QuizFailedError } from '../errors.js'
import { createSerialQueue } from '../storage/serial-queue.js'
import type { RecordStore } from '../storage/storage-ports.js'

export const DRAFTS_KEY = 'phrase-drafts'
export const DRAFT_LIFETIME_MS = 10 * 60_000
export const QUIZ_SIZE = 3

type HeldDraft = PhraseDraft & { expiresAt: number }

/** Drafts by id; `now` is injected so expiry is testable. */
export type PhraseDrafts = {
  begin(words: unknown): Promise<PhraseDraft>
  /** Checks the quiz answers and returns the phrase; the draft stays until discard (or expiry). */
  confirm(draftId: unknown, answers: unknown): Promise<string>
  /** Forgets a draft once its avatar is stored. */
  discard(draftId: string): Promise<void>
  clear(): Promise<void>
}

/** The drafts kept in `store` (storage.session in the extension). */
export function createPhraseDrafts(
  store: RecordStore,
  now: () => number,
  random: (bound: number) => number = randomBelow,
): PhraseDrafts {
  const serial = createSerialQueue()

  /** The live drafts; anything expired or not shaped like a draft is left out. */
  const readLive = async (): Promise<Map<string, HeldDraft>> => {
    const value = await store.get(DRAFTS_KEY)
    const live = new Map<string, HeldDraft>()
    if (typeof value !== 'object' || value === null) return live
    for (const [id, draft] of Object.entries(value as Record<string, HeldDraft>)) {
      if (isHeldDraft(draft) && now() < draft.expiresAt) live.set(id, draft)
    }
    return live
  }
  const write = (drafts: Map<string, HeldDraft>) =>
    drafts.size === 0 ? store.delete(DRAFTS_KEY) : store.set(DRAFTS_KEY, Object.fromEntries(drafts))

  return {
    begin: (words) =>
      serial(async () => {
        const phrase = generateMnemonic(words as 12 | 24)
        const count = phrase.split(' ').length
        const draft = { draftId: crypto.randomUUID(), phrase, quizPositions: pickPositions(count, random) }
        const drafts = await readLive()
        drafts.set(draft.draftId, { ...draft, expiresAt: now() + DRAFT_LIFETIME_MS })
        await write(drafts)
        return draft
      }),
    confirm: (draftId, answers) =>
      serial(async () => {
        const id = requireNonEmptyString(draftId, 'draftId')
        const draft = (await readLive()).get(id)
        if (!draft) throw new NotFoundError('phrase draft (or it expired)')
        const wrong = wrongPositions(draft, requirePlainObject(answers, 'answers'))
        if (wrong.length > 0) throw new QuizFailedError(wrong)
        return draft.phrase
      }),
    discard: (draftId) =>
      serial(async () => {
        const drafts = await readLive()
        drafts.delete(draftId)
        await write(drafts)
      }),
    clear: () => serial(() => store.delete(DRAFTS_KEY)),
  }
}

function isHeldDraft(value: unknown): value is HeldDraft {
  if (typeof value !== 'object' || value === null) return false
  const draft = value as Record<string, unknown>
  return (
    typeof draft.phrase === 'string' &&
    typeof draft.expiresAt === 'number' &&
    Array.isArray(draft.quizPositions) &&
    draft.quizPositions.every((position) => Number.isSafeInteger(position))
  )
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
