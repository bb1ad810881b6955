/**
 * A DNS binding driven through chrome.runtime messages against a local ProofService whose
 * validators read the platform simulator: submitted before the TXT record exists, the service
 * worker is stopped (CDP) while the flow waits for its retry, and after the restart it completes;
 * and the same flow against Next.ID's own answers (the reference-behaviour double) when the chain moves.
 */
import type { Binding, PostBindingFlow } from '../extension/messaging/catalogue.js'
import { DNS_PATIENCE_MS } from '../src/platforms/patience.js'
import { expect, test } from './fixtures.js'
import { importAvatarUsing, localServicesPerTest, withReferenceDouble } from './local-services.js'
import { call, ok, openExtensionPage, stopServiceWorker } from './vault-helpers.js'

const PASSWORD = 'e2e flow password'
const PRIVATE_KEY = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const DOMAIN = 'flow-e2e.example'

const services = localServicesPerTest()

test('a DNS binding waits for its record across a service-worker stop and completes', async ({
  context,
  extensionId,
}) => {
  const page = await openExtensionPage(context, extensionId)
  await importAvatarUsing(page, services.server, { privateKey: PRIVATE_KEY, name: 'Key', password: PASSWORD })

  // The domain exists with an unrelated record (SPF) but no proof yet.
  services.simulator.state.dns.addTxt(DOMAIN, 'v=spf1 -all')
  const started = await ok<PostBindingFlow>(page, 'startBinding', { platform: 'dns', identity: DOMAIN })
  // Nothing to say yet, and no checking before it is submitted (the popup words the TXT-record hint itself).
  expect(started).toMatchObject({ step: 'publish', needsProofLocation: false, status: null, checkUntil: null })

  // Submitted before the record exists: the service does not see it yet, so the flow waits,
  // quoting the service's answer, and keeps checking for DNS's two days (publishHintTxtRecord says so).
  const submittedAt = Date.now()
  const waiting = await ok<PostBindingFlow>(page, 'submitBinding', { flowId: started.id, proofLocation: '' })
  expect(waiting).toMatchObject({
    step: 'submit',
    attempts: 1,
    status: { code: 'not-accepted-yet', serviceMessage: expect.stringContaining('no Next.ID TXT record for uuid') },
  })
  expect(waiting.checkUntil).toBeGreaterThanOrEqual(submittedAt + DNS_PATIENCE_MS - 1_000)
  expect(waiting.checkUntil).toBeLessThanOrEqual(Date.now() + DNS_PATIENCE_MS + 1_000)

  await stopServiceWorker(page)
  services.simulator.state.dns.addTxt(DOMAIN, started.postText)

  // The next message (or the retry alarm) wakes a new worker, which resumes the due retry.
  await expect
    .poll(
      async () => {
        const reply = await call(page, 'getFlows')
        return reply.ok ? (reply.result as PostBindingFlow[])[0]?.step : reply.error.code
      },
      { timeout: 20_000, intervals: [500] },
    )
    .toBe('done')
  const [done] = await ok<PostBindingFlow[]>(page, 'getFlows')
  expect(done).toMatchObject({ id: started.id, postText: started.postText, status: null })
  expect(done?.attempts).toBeGreaterThanOrEqual(2)

  const bindings = await ok<Binding[]>(page, 'getBindings')
  expect(bindings).toEqual([expect.objectContaining({ platform: 'dns', identity: DOMAIN, isValid: true })])
  await ok(page, 'clearFlow', { flowId: started.id })
  expect(await ok<PostBindingFlow[]>(page, 'getFlows')).toEqual([])
})

test("against Next.ID's own answers (reference-behaviour double): a moved chain gets a fresh text and completes", async ({
  context,
  extensionId,
}) => {
  // Next.ID's service says a plain "bad signature" when the chain moved: the flow must tell by reading the head.
  await withReferenceDouble(services.server, async (proofServiceUrl) => {
    const page = await openExtensionPage(context, extensionId)
    await importAvatarUsing(
      page,
      { ...services.server, proofServiceUrl },
      {
        privateKey: PRIVATE_KEY,
        name: 'Key',
        password: PASSWORD,
      },
    )
    const first = await ok<PostBindingFlow>(page, 'startBinding', { platform: 'dns', identity: DOMAIN })
    services.simulator.state.dns.addTxt(DOMAIN, first.postText)
    // Another binding lands on the avatar's chain first.
    const other = await ok<PostBindingFlow>(page, 'startBinding', { platform: 'dns', identity: `other.${DOMAIN}` })
    services.simulator.state.dns.addTxt(`other.${DOMAIN}`, other.postText)
    expect(await ok<PostBindingFlow>(page, 'submitBinding', { flowId: other.id, proofLocation: '' })).toMatchObject({
      step: 'done',
    })

    const moved = await ok<PostBindingFlow>(page, 'submitBinding', { flowId: first.id, proofLocation: '' })
    expect(moved).toMatchObject({ step: 'publish', status: { code: 'chain-moved' } })
    expect(moved.postText).not.toBe(first.postText)
    services.simulator.state.dns.addTxt(DOMAIN, moved.postText)
    expect(await ok<PostBindingFlow>(page, 'submitBinding', { flowId: first.id, proofLocation: '' })).toMatchObject({
      step: 'done',
      status: null,
    })
  })
})
