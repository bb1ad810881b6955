import { describe, expect, it } from 'vitest'
import {
  SAMPLE_FLOW,
  SAMPLE_REVOKE_FLOW,
  SAMPLE_WALLET_FLOW,
} from '../../../test/support/extension/sample-stored-flow.js'
import { createMemoryStore } from '../storage/storage-ports.js'
import { createFlowStore, FLOWS_KEY, isStoredFlow, toBindingFlow } from './flow-store.js'

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

  it('reads flows an earlier version wrote (an English error and hint) as flows with a status, losing none', async () => {
    const { status: _status, checkUntil: _checkUntil, kind: _kind, ...shape } = SAMPLE_FLOW
    const waiting = {
      ...shape,
      wallet: null,
      id: 'w',
      step: 'submit',
      error: 'not visible yet (x); trying again in 5 s',
      publishHint: 'Add…',
    }
    const failed = { ...shape, wallet: null, id: 'x', step: 'failed', error: 'wrong account: …', publishHint: 'Add…' }
    const memory = createMemoryStore({ [FLOWS_KEY]: { version: 1, flows: [waiting, failed] } })
    expect(await createFlowStore(memory).list()).toEqual([
      { ...shape, kind: 'post', id: 'w', step: 'submit', checkUntil: null, status: null },
      {
        ...shape,
        kind: 'post',
        id: 'x',
        step: 'failed',
        checkUntil: null,
        status: { code: 'error', errorCode: 'EARLIER_VERSION' },
      },
    ])
  })

  it('reads flows written before each kind had a shape of its own (post flows with `wallet: null`, wallet flows with empty post fields)', async () => {
    const emptyPost = { postText: '', publishUrl: '', needsProofLocation: false, proofLocation: '' }
    const memory = createMemoryStore({
      [FLOWS_KEY]: {
        version: 1,
        flows: [
          { ...SAMPLE_FLOW, wallet: null },
          { ...SAMPLE_WALLET_FLOW, ...emptyPost },
        ],
      },
    })
    const flows = await createFlowStore(memory).list()
    expect(flows).toEqual([SAMPLE_FLOW, SAMPLE_WALLET_FLOW])
    // A wallet flow with a post text of its own is not an earlier shape but a damaged record.
    const planted = createMemoryStore({
      [FLOWS_KEY]: { version: 1, flows: [{ ...SAMPLE_WALLET_FLOW, ...emptyPost, postText: 'x' }] },
    })
    expect(await createFlowStore(planted).list()).toEqual([])
  })

  it('keeps a confirmed revoke signed by the avatar or by the bound wallet alone, and nothing in between', async () => {
    const memory = createMemoryStore()
    const store = createFlowStore(memory)
    await store.put(SAMPLE_REVOKE_FLOW)
    expect(await createFlowStore(memory).list()).toEqual([SAMPLE_REVOKE_FLOW])
    expect(toBindingFlow(SAMPLE_REVOKE_FLOW)).not.toHaveProperty('signature')
    const byWallet = { signer: 'wallet', signature: '', walletSignature: `${'A'.repeat(86)}Q=` } as const
    const { identity } = SAMPLE_WALLET_FLOW
    expect(isStoredFlow({ ...SAMPLE_REVOKE_FLOW, ...byWallet, platform: 'ethereum', identity })).toBe(true)
    for (const change of [
      { ...byWallet }, // a wallet cannot sign a DNS revoke
      { signature: '' }, // the avatar signed nothing
      { walletSignature: byWallet.walletSignature }, // both
      { action: 'create' },
      { step: 'publish' },
      { postText: 'x' },
      { platform: 'myspace' },
      { kind: 'toString' }, // a kind is looked up among the store's own, never up the prototype
      { kind: 'constructor' },
    ]) {
      expect(isStoredFlow({ ...SAMPLE_REVOKE_FLOW, ...change })).toBe(false)
    }
  })

  it('refuses to write a record it could not read back', async () => {
    const store = createFlowStore(createMemoryStore())
    await expect(store.put({ ...SAMPLE_FLOW, status: { code: 'gave-up' } } as never)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
    expect(await store.list()).toEqual([])
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

  it('serialises concurrent writes of two stores over one storage area (the engine and the wallet flows)', async () => {
    const memory = createMemoryStore()
    const engine = createFlowStore(memory)
    const wallets = createFlowStore(memory)
    // Alternating stores: each write reads the list, so without one shared queue a write would be lost.
    const ids = ['a', 'b', 'c', 'd', 'e', 'f']
    await Promise.all(ids.map((id, index) => (index % 2 === 0 ? engine : wallets).put({ ...SAMPLE_FLOW, id })))
    expect((await createFlowStore(memory).list()).map((flow) => flow.id).sort()).toEqual(ids)
  })

  it('drops a stored flow whose publishUrl is not the page the engine derives', async () => {
    const tweet = 'I am alice on X'
    const twitter = {
      ...SAMPLE_FLOW,
      id: 'x1',
      platform: 'twitter',
      identity: 'alice',
      postText: tweet,
      publishUrl: `https://x.com/intent/tweet?text=${encodeURIComponent(tweet)}`,
    }
    const gist = {
      ...SAMPLE_FLOW,
      id: 'g1',
      platform: 'github',
      identity: 'alice',
      publishUrl: 'https://gist.github.com/',
    }
    const foreign = [
      { ...SAMPLE_FLOW, id: 'bad1', publishUrl: 'https://evil.example/' },
      { ...twitter, id: 'bad2', publishUrl: 'https://evil.example/intent/tweet?text=x' },
      { ...twitter, id: 'bad3', publishUrl: 'https://x.com/intent/tweet?text=another%20text' },
      { ...gist, id: 'bad4', publishUrl: 'javascript:alert(1)' },
    ]
    for (const value of foreign) expect(isStoredFlow(value)).toBe(false)
    const memory = createMemoryStore({ [FLOWS_KEY]: { version: 1, flows: [...foreign, twitter, gist] } })
    expect((await createFlowStore(memory).list()).map((flow) => flow.id)).toEqual(['x1', 'g1'])
  })

  it('replaces a flow only while it exists and, if asked, is still in the expected step', async () => {
    const store = createFlowStore(createMemoryStore())
    await store.put({ ...SAMPLE_FLOW, step: 'submit' })
    expect(await store.replace({ ...SAMPLE_FLOW, step: 'failed' }, 'publish')).toBe(false)
    expect((await store.get('f1'))?.step).toBe('submit')
    expect(await store.replace({ ...SAMPLE_FLOW, step: 'failed' }, 'submit')).toBe(true)
    expect((await store.get('f1'))?.step).toBe('failed')
    await store.remove('f1')
    expect(await store.replace(SAMPLE_FLOW)).toBe(false)
    expect(await store.list()).toEqual([])
  })

  it('shows the popup no payload internals', () => {
    const view = toBindingFlow(SAMPLE_FLOW)
    expect(Object.keys(view)).not.toContain('signPayload')
    expect(Object.keys(view)).not.toContain('uuid')
    expect(Object.keys(view)).not.toContain('awaitingUnlock')
    expect(view.postText).toBe('nextid-txt')
  })
})
