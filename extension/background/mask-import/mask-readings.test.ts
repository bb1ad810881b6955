import { describe, expect, it } from 'vitest'
import type { MaskPersona } from '../../../src/mask-import/index.js'
import { createMemoryStore } from '../storage/storage-ports.js'
import { createMaskReadings, MASK_READING_KEY } from './mask-readings.js'

const persona = (byte: number): MaskPersona => ({
  nickname: `persona ${byte}`,
  privateKey: new Uint8Array(32).fill(byte),
  publicKey: new Uint8Array(33).fill(byte + 1),
})

describe('createMaskReadings', () => {
  it('keeps a reading across a restarted background, until replaced, cleared or damaged', async () => {
    const store = createMemoryStore()
    const first = await createMaskReadings(store).hold([persona(1), persona(2)])
    const restarted = createMaskReadings(store) // the worker slept while the user picked
    expect(await restarted.get(first)).toEqual([persona(1), persona(2)])

    const second = await restarted.hold([persona(3)])
    await expect(restarted.get(first)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await restarted.get(second)).toEqual([persona(3)])

    store.data.set(MASK_READING_KEY, { id: second, personas: [{ nickname: 'x', privateKey: 'zz', publicKey: 1 }] })
    await expect(restarted.get(second)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await restarted.clear()
    expect(store.data.has(MASK_READING_KEY)).toBe(false)
  })
})
