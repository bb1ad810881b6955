/**
 * The personas of the last Mask input read, keys included, held until the user picks which to import
 * (issue 16). They live in storage.session (browser memory, never on disk, out of content scripts'
 * reach — where the unlocked vault's key already is), not in the background's memory: picking can
 * take longer than the 30 s after which the browser stops an idle background, and reading a V001
 * backup again means another 10,000,000-round derivation. One reading at a time: a new one, an
 * import or a lock drops the old one.
 */
import { bytesToHex, hexToBytes } from '../../../src/crypto/index.js'
import type { MaskPersona } from '../../../src/mask-import/index.js'
import { NotFoundError } from '../errors.js'
import { createSerialQueue } from '../storage/serial-queue.js'
import type { RecordStore } from '../storage/storage-ports.js'

export const MASK_READING_KEY = 'mask-reading'

export type MaskReadings = ReturnType<typeof createMaskReadings>

/** A persona as storage.session keeps it (structured JSON: the keys as hex). */
type StoredPersona = Omit<MaskPersona, 'privateKey' | 'publicKey'> & { privateKey: string; publicKey: string }
type StoredReading = { id: string; personas: StoredPersona[] }

/** The holder over `store` (storage.session in the extension). */
export function createMaskReadings(store: RecordStore) {
  const serial = createSerialQueue()
  return {
    /** Holds the personas (dropping the previous reading); answers the reading's id. */
    hold: (personas: MaskPersona[]): Promise<string> =>
      serial(async () => {
        const reading: StoredReading = { id: crypto.randomUUID(), personas: personas.map(toStored) }
        await store.set(MASK_READING_KEY, reading)
        return reading.id
      }),
    /** The personas of `readingId`; NOT_FOUND once it was replaced, imported, locked away or damaged. */
    get: (readingId: string): Promise<MaskPersona[]> =>
      serial(async () => {
        const reading = (await store.get(MASK_READING_KEY)) as StoredReading | undefined
        if (reading?.id !== readingId || !Array.isArray(reading.personas)) {
          throw new NotFoundError('Mask reading (read the input again)')
        }
        try {
          return reading.personas.map(fromStored)
        } catch {
          throw new NotFoundError('Mask reading (read the input again)')
        }
      }),
    clear: (): Promise<void> => serial(() => store.delete(MASK_READING_KEY)),
  }
}

function toStored({ privateKey, publicKey, ...rest }: MaskPersona): StoredPersona {
  return { ...rest, privateKey: bytesToHex(privateKey), publicKey: bytesToHex(publicKey) }
}

function fromStored({ privateKey, publicKey, ...rest }: StoredPersona): MaskPersona {
  return { ...rest, privateKey: hexToBytes(privateKey, 'privateKey'), publicKey: hexToBytes(publicKey, 'publicKey') }
}
