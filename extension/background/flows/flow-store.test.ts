import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../storage-ports.js'
import { createFlowStore, FLOWS_KEY, isStoredFlow, toBindingFlow } from './flow-store.js'
import { SAMPLE_FLOW } from './sample-stored-flow.js'

describe('flow store', () => {
  it('round-trips flows under the versioned key', async () => {
    const memory = createMemoryStore()
    const store = createFlowStore(memory)
    await store.put(SAMPLE_FLOW)
    await store.put({ ...SAMPLE_FLOW, id: 'f2', step: 'submit', nextAttemptAt: 5 })
    await store.put({ ...SAMPLE_FLOW, step: 'done' })
    expect(memory.data.get(FLOWS_KEY)).toMatchObject({ version: 1 })
    const again = createFlowStore(memory)
    expect(await again.list()).toEqual([
      { ...SAMPLE_FLOW, step: 'done' },
      { ...SAMPLE_FLOW, id: 'f2', step: 'submit', nextAttemptAt: 5 },
    ])
    expect(await again.remove('f1')).toBe(true)
    expect(await again.remove('f1')).toBe(false)
    expect((await again.list()).map((flow) => flow.id)).toEqual(['f2'])
  })

  it('drops a damaged record and keeps the others', async () => {
    const damaged = [
      { ...SAMPLE_FLOW, step: 'dancing' },
      { ...SAMPLE_FLOW, platform: 'ethereum' },
      { ...SAMPLE_FLOW, attempts: -1 },
      { ...SAMPLE_FLOW, avatarId: '0x02' },
      { ...SAMPLE_FLOW, nextAttemptAt: '5' },
      { ...SAMPLE_FLOW, signature: undefined },
      null,
      'flow',
    ]
    for (const value of damaged) expect(isStoredFlow(value)).toBe(false)
    const memory = createMemoryStore({ [FLOWS_KEY]: { version: 1, flows: [...damaged, SAMPLE_FLOW] } })
    expect(await createFlowStore(memory).list()).toEqual([SAMPLE_FLOW])
    expect(await createFlowStore(createMemoryStore({ [FLOWS_KEY]: 'garbage' })).list()).toEqual([])
  })

  it('serialises concurrent writes', async () => {
    const store = createFlowStore(createMemoryStore())
    await Promise.all(['a', 'b', 'c'].map((id) => store.put({ ...SAMPLE_FLOW, id })))
    expect((await store.list()).map((flow) => flow.id).sort()).toEqual(['a', 'b', 'c'])
  })

  it('shows the popup no payload internals', () => {
    const view = toBindingFlow(SAMPLE_FLOW)
    expect(Object.keys(view)).not.toContain('signPayload')
    expect(Object.keys(view)).not.toContain('uuid')
    expect(Object.keys(view)).not.toContain('awaitingUnlock')
    expect(view.postText).toBe('nextid-txt')
  })
})
