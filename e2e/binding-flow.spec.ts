/**
 * A DNS binding driven through chrome.runtime messages against a local ProofService whose
 * validators read the platform simulator: submitted before the TXT record exists, the service
 * worker is stopped (CDP) while the flow waits for its retry, and after the restart it completes.
 */
import type { Binding, BindingFlow } from '../extension/messaging/catalogue.js'
import { expect, test } from './fixtures.js'
import { importAvatarUsing, localServicesPerTest } from './local-services.js'
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
  const started = await ok<BindingFlow>(page, 'startBinding', { platform: 'dns', identity: DOMAIN })
  expect(started).toMatchObject({ step: 'publish', needsProofLocation: false })
  expect(started.publishHint).toBe(`Add this TXT record to ${DOMAIN}.`)

  // Submitted before the record exists: the service does not see it yet, so the flow waits.
  const waiting = await ok<BindingFlow>(page, 'submitBinding', { flowId: started.id, proofLocation: '' })
  expect(waiting).toMatchObject({ step: 'submit', attempts: 1 })
  expect(waiting.error).toContain('not visible yet (no Next.ID TXT record for uuid')

  await stopServiceWorker(page)
  services.simulator.state.dns.addTxt(DOMAIN, started.postText)

  // The next message (or the retry alarm) wakes a new worker, which resumes the due retry.
  await expect
    .poll(
      async () => {
        const reply = await call(page, 'getFlows')
        return reply.ok ? (reply.result as BindingFlow[])[0]?.step : reply.error.code
      },
      { timeout: 20_000, intervals: [500] },
    )
    .toBe('done')
  const [done] = await ok<BindingFlow[]>(page, 'getFlows')
  expect(done).toMatchObject({ id: started.id, postText: started.postText, error: '' })
  expect(done?.attempts).toBeGreaterThanOrEqual(2)

  const bindings = await ok<Binding[]>(page, 'getBindings')
  expect(bindings).toEqual([expect.objectContaining({ platform: 'dns', identity: DOMAIN, isValid: true })])
  await ok(page, 'clearFlow', { flowId: started.id })
  expect(await ok<BindingFlow[]>(page, 'getFlows')).toEqual([])
})
