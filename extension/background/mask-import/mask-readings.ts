/**
 * The personas of the last Mask input read, keys included, held in service-worker memory until the
 * user picks which to import (issue 16). One reading at a time: a new one, an import or a lock
 * drops the old one and zeroes its keys; a worker restart simply forgets it.
 */
import type { MaskPersona } from '../../../src/mask-import/index.js'
import { NotFoundError } from '../errors.js'

export type MaskReadings = ReturnType<typeof createMaskReadings>

/** An empty holder. */
export function createMaskReadings() {
  let held: { id: string; personas: MaskPersona[] } | undefined

  function clear(): void {
    for (const persona of held?.personas ?? []) persona.privateKey.fill(0)
    held = undefined
  }

  return {
    /** Holds the personas (dropping the previous reading); answers the reading's id. */
    hold(personas: MaskPersona[]): string {
      clear()
      held = { id: crypto.randomUUID(), personas }
      return held.id
    },
    /** The personas of `readingId`; NOT_FOUND once it was replaced, imported, locked away or forgotten. */
    get(readingId: string): MaskPersona[] {
      if (held?.id !== readingId) throw new NotFoundError('Mask reading (read the input again)')
      return held.personas
    },
    clear,
  }
}
