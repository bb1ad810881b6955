import { describe, expect, it } from 'vitest'
import { createBatcher } from './batcher.js'

/** A run function that records each batch and finishes it only when told to. */
function controlledRun() {
  const batches: string[][] = []
  const finishers: (() => void)[] = []
  let running = 0
  let mostAtOnce = 0
  const run = (items: readonly string[]) =>
    new Promise<string[]>((resolve) => {
      batches.push([...items])
      running++
      mostAtOnce = Math.max(mostAtOnce, running)
      finishers.push(() => {
        running--
        resolve(items.map((item) => `done:${item}`))
      })
    })
  // Finishes whatever runs, turn after turn, long enough for every queued batch to start and end.
  const finishAll = async () => {
    for (let turn = 0; turn < 50; turn++) {
      for (const finish of finishers.splice(0)) finish()
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  return { run, batches, finishAll, mostAtOnce: () => mostAtOnce }
}

const keyOf = (item: string) => item.split('#')[0] as string

describe('createBatcher', () => {
  it('hands the items queued in one turn to one batch, each caller its own outcome', async () => {
    const control = controlledRun()
    const batcher = createBatcher({ run: control.run })
    const outcomes = Promise.all(['a', 'b', 'c'].map((item) => batcher.submit(item)))
    await new Promise((resolve) => setImmediate(resolve))
    expect(control.batches).toEqual([['a', 'b', 'c']])
    await control.finishAll()
    expect(await outcomes).toEqual(['done:a', 'done:b', 'done:c'])
  })

  it('never puts two items of one key in a batch or in flight together, and keeps their order', async () => {
    const control = controlledRun()
    const batcher = createBatcher({ run: control.run, keyOf, maxInFlight: 4 })
    const outcomes = Promise.all(['x#1', 'y#1', 'x#2', 'x#3', 'z#1'].map((item) => batcher.submit(item)))
    await new Promise((resolve) => setImmediate(resolve))
    await control.finishAll()
    await outcomes
    expect(control.batches).toEqual([['x#1', 'y#1', 'z#1'], ['x#2'], ['x#3']])
  })

  it('caps the batch size and the batches in flight', async () => {
    const control = controlledRun()
    const batcher = createBatcher({ run: control.run, maxBatch: 2, maxInFlight: 2 })
    const items = Array.from({ length: 9 }, (_, n) => `i${n}`)
    const outcomes = Promise.all(items.map((item) => batcher.submit(item)))
    // A new batch starts each turn of the event loop while a slot is free: let a few turns pass.
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve))
    expect(control.batches).toEqual([
      ['i0', 'i1'],
      ['i2', 'i3'],
    ])
    await control.finishAll()
    expect(await outcomes).toEqual(items.map((item) => `done:${item}`))
    expect(control.batches.every((batch) => batch.length <= 2)).toBe(true)
    expect(control.batches.flat()).toEqual(items)
    expect(control.mostAtOnce()).toBe(2)
  })

  it('fails every item of a batch whose run throws, and goes on with the next batch', async () => {
    let calls = 0
    const batcher = createBatcher<string, string>({
      run: async (items) => {
        calls++
        if (calls === 1) throw new Error('database went away')
        return items.map((item) => `ok:${item}`)
      },
    })
    const first = await Promise.allSettled([batcher.submit('a'), batcher.submit('b')])
    expect(first.map((result) => result.status)).toEqual(['rejected', 'rejected'])
    expect(await batcher.submit('c')).toBe('ok:c')
  })
})
