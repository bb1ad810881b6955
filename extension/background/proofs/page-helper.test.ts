/**
 * The page-helper handlers over the REAL flow engine and a real local ProofService (PGlite) whose
 * Twitter validator reads the e2e platform simulator: what an x.com or gist.github.com content
 * script can see and change, and that everything else is refused without changing a flow.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { InvalidInputError } from '../../../src/errors.js'
import { bootBackground, localServicesPerFile } from '../../../test/support/extension/flow-context.js'
import { NotFoundError } from '../errors.js'
import { createPageHelperHandlers } from './page-helper.js'

const ALICE = { id: '1467726470533754881', username: 'Alice_Helper' }

const services = localServicesPerFile()
beforeAll(() => {
  services.simulator.state.twitter.addUser(ALICE)
})

/** A fresh background: an unlocked avatar, the flow engine, and the helper handlers of x.com and gist.github.com. */
async function boot() {
  const { flows } = await bootBackground({ server: services.server, retryDelaysMs: [200, 400] })
  return { flows, x: createPageHelperHandlers(flows, 'twitter'), gist: createPageHelperHandlers(flows, 'github') }
}

describe('getPublishTask', () => {
  it('gives a page only the newest flow of its own platform that waits to be published', async () => {
    const { flows, x, gist } = await boot()
    expect(await x.getPublishTask()).toBeNull()
    const older = await flows.startBinding({ platform: 'twitter', identity: 'older_one' })
    const dns = await flows.startBinding({ platform: 'dns', identity: 'helper.example' })
    const newer = await flows.startBinding({ platform: 'twitter', identity: 'Alice_Helper' })
    expect(await x.getPublishTask()).toEqual({
      flowId: newer.id,
      platform: 'twitter',
      identity: 'alice_helper',
      postText: newer.postText,
      fileName: '',
    })
    expect(newer.publishUrl).toBe(`https://x.com/intent/tweet?text=${encodeURIComponent(newer.postText)}`)
    expect(await gist.getPublishTask()).toBeNull()
    expect([older.id, dns.id]).not.toContain((await x.getPublishTask())?.flowId)
  })

  it('names the gist file after the avatar for GitHub', async () => {
    const { flows, gist } = await boot()
    const flow = await flows.startBinding({ platform: 'github', identity: 'alice' })
    expect(await gist.getPublishTask()).toMatchObject({
      flowId: flow.id,
      platform: 'github',
      fileName: `${flow.avatarId}.json`,
    })
    expect(flow.publishUrl).toBe('https://gist.github.com/')
  })
})

describe('reportAccount', () => {
  it('lets the flow go on when the page shows the bound handle, in any case and with or without @', async () => {
    const { flows, x } = await boot()
    const flow = await flows.startBinding({ platform: 'twitter', identity: 'Alice_Helper' })
    expect(await x.reportAccount({ flowId: flow.id, account: 'ALICE_helper' })).toEqual({
      step: 'publish',
      status: null,
    })
    expect(await x.reportAccount({ flowId: flow.id, account: '@alice_helper' })).toEqual({
      step: 'publish',
      status: null,
    })
  })

  it('fails the flow before anything is posted when the page is logged in as someone else', async () => {
    const { flows, x } = await boot()
    const flow = await flows.startBinding({ platform: 'twitter', identity: 'Alice_Helper' })
    const status = { code: 'wrong-account', account: 'bob' }
    expect(await x.reportAccount({ flowId: flow.id, account: 'bob' })).toEqual({ step: 'failed', status })
    expect((await flows.getFlows())[0]).toMatchObject({ id: flow.id, step: 'failed', status })
    expect(await x.getPublishTask()).toBeNull()
  })

  it("refuses another platform's flow, an unknown flow and a malformed account, changing nothing", async () => {
    const { flows, x, gist } = await boot()
    const flow = await flows.startBinding({ platform: 'twitter', identity: 'Alice_Helper' })
    await expect(gist.reportAccount({ flowId: flow.id, account: 'bob' })).rejects.toThrow(NotFoundError)
    await expect(x.reportAccount({ flowId: 'nope', account: 'bob' })).rejects.toThrow('binding flow not found')
    for (const account of ['', 'bob smith', 'a'.repeat(16), '<img>', 42, undefined]) {
      await expect(x.reportAccount({ flowId: flow.id, account })).rejects.toThrow(InvalidInputError)
    }
    await expect(x.reportAccount(null)).rejects.toThrow(InvalidInputError)
    expect((await flows.getFlows())[0]).toMatchObject({ step: 'publish', status: null })
  })
})

describe('reportPublished', () => {
  it('submits a tweet whose text matches (line breaks as the page shows them) and reaches done', async () => {
    const { flows, x } = await boot()
    const flow = await flows.startBinding({ platform: 'twitter', identity: 'Alice_Helper' })
    const tweet = services.simulator.state.twitter.publishTweet({ text: flow.postText, authorId: ALICE.id })
    const asShown = `${flow.postText.replaceAll('\n', '\r\n\r\n')}\n`
    const status = await x.reportPublished({ flowId: flow.id, proofLocation: tweet.id, publishedText: asShown })
    expect(status).toEqual({ step: 'done', status: null })
    expect((await flows.getFlows())[0]).toMatchObject({ step: 'done', proofLocation: tweet.id })
    // A second report (the status page after the toast) changes nothing.
    expect(await x.reportPublished({ flowId: flow.id, proofLocation: '1', publishedText: 'other' })).toEqual({
      step: 'done',
      status: null,
    })
  })

  it('fails the flow when the posted text differs from the proof text, without submitting', async () => {
    const { flows, x } = await boot()
    const flow = await flows.startBinding({ platform: 'twitter', identity: 'Alice_Helper' })
    const edited = flow.postText.replace('Sig: ', 'Sig: X')
    const status = await x.reportPublished({
      flowId: flow.id,
      proofLocation: '1790000000000000777',
      publishedText: edited,
    })
    expect(status).toEqual({ step: 'failed', status: { code: 'text-mismatch' } })
    expect((await flows.getFlows())[0]).toMatchObject({ step: 'failed', attempts: 0, proofLocation: '' })
  })

  it('leaves a GitHub flow waiting when a gist with other text is reported (an older gist of the owner)', async () => {
    const { flows, gist } = await boot()
    const flow = await flows.startBinding({ platform: 'github', identity: 'alice' })
    const older = flow.postText.replace(/"signature": ?"/, '$&X')
    expect(older).not.toBe(flow.postText)
    const status = await gist.reportPublished({
      flowId: flow.id,
      proofLocation: 'c0ffee00c0ffee00c0ffee00c0ffee00',
      publishedText: older,
    })
    expect(status).toEqual({ step: 'publish', status: null })
    expect((await flows.getFlows())[0]).toMatchObject({ id: flow.id, step: 'publish', attempts: 0, proofLocation: '' })
    expect(await gist.getPublishTask()).toMatchObject({ flowId: flow.id })
  })

  it('refuses a malformed location or text and a flow of another platform, changing nothing', async () => {
    const { flows, x, gist } = await boot()
    const flow = await flows.startBinding({ platform: 'twitter', identity: 'Alice_Helper' })
    const report = { flowId: flow.id, proofLocation: '1790000000000000001', publishedText: flow.postText }
    await expect(x.reportPublished({ ...report, proofLocation: 'https://evil.example/a/status/1' })).rejects.toThrow(
      InvalidInputError,
    )
    await expect(x.reportPublished({ ...report, publishedText: 7 })).rejects.toThrow(InvalidInputError)
    await expect(x.reportPublished({ ...report, publishedText: 'x'.repeat(70_000) })).rejects.toThrow(InvalidInputError)
    await expect(gist.reportPublished(report)).rejects.toThrow(NotFoundError)
    expect((await flows.getFlows())[0]).toMatchObject({ step: 'publish', attempts: 0, status: null })
  })
})
