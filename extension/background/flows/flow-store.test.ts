import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../storage-ports.js'
import { createFlowStore, FLOWS_KEY, isStoredFlow, type StoredFlow, toBindingFlow } from './flow-store.js'

const SAMPLE_FLOW: StoredFlow = {
  id: 'f1',
  action: 'create',
  platform: 'dns',
  identity: 'example.com',
  avatarId: `0x02${'ab'.repeat(32)}`,
  step: 'publish',
  postText: 'nextid-txt',
  publishHint: 'Add this TXT record to example.com.',
  publishUrl: '',
  wallet: null,
  needsProofLocation: false,
  proofLocation: '',
  attempts: 0,
  nextAttemptAt: null,
  error: '',
  createdAt: 1,
  updatedAt: 1,
  uuid: '5c5a1d7e-3f3b-4c42-9a3e-6a1f2d3c4b5a',
  payloadCreatedAt: '1700000000',
  signPayload: '{}',
  signature: 'c2ln',
  language: 'en',
  awaitingUnlock: false,
}

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
