/**
 * Settings and site permissions are out of the pages' reach (issue 14): storage.local is writable by
 * every content-script world, so a compromised renderer could repoint the services or grant itself a
 * connection if the extension read them from there. Written there now, they change nothing.
 */
import type { ConnectedSite, Settings } from '../extension/messaging/catalogue.js'
import { expect, test } from './fixtures.js'
import { ok, openExtensionPage } from './vault-helpers.js'

test('settings and connected sites written into storage.local (where content scripts can write) change nothing', async ({
  context,
  extensionId,
}) => {
  const page = await openExtensionPage(context, extensionId)
  const before = await ok<Settings>(page, 'getSettings')
  const sitesBefore = await ok<ConnectedSite[]>(page, 'getConnectedSites')
  await page.evaluate(() =>
    chrome.storage.local.set({
      settings: {
        endpoints: { proofServiceUrl: 'https://evil.example', kvServiceUrl: 'https://evil.example' },
        autoLockMinutes: 1440,
      },
      'dapp-permissions': [{ origin: 'https://evil.example', avatarId: `0x02${'ab'.repeat(32)}`, grantedAt: 1 }],
    }),
  )
  expect(await ok<Settings>(page, 'getSettings')).toEqual(before)
  expect(await ok<ConnectedSite[]>(page, 'getConnectedSites')).toEqual(sitesBefore)
  // What the extension itself changes is kept in its own store, not in storage.local.
  await ok(page, 'updateSettings', { autoLockMinutes: 30 })
  expect((await ok<Settings>(page, 'getSettings')).autoLockMinutes).toBe(30)
  // …and storage.local is neither read nor written for them: the planted copy is left as it was.
  expect(await page.evaluate(() => chrome.storage.local.get('settings'))).toMatchObject({
    settings: { autoLockMinutes: 1440 },
  })
})
