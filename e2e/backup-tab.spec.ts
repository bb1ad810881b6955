/**
 * Backup files end to end: a backup carries the settings and connected sites; "Add from a backup
 * file" adds the avatars missing here and names those already here; and every screen that picks a
 * file, asked for from the real toolbar popup, opens in a tab of its own (a file picker would close
 * the popup), where it completes. Saves docs/screenshots/70-* to 73-*.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { BrowserContext, Page, Worker } from '@playwright/test'
import { answer, dappCall, openDapp } from './dapp-helpers.js'
import { expect, test } from './fixtures.js'
import { ConnectedSitesPage } from './pages/approval-page.js'
import { ChainKvPage } from './pages/chain-kv-page.js'
import { HomePage } from './pages/home-page.js'
import { PopupPage } from './pages/popup-page.js'
import { ToolbarPopup } from './pages/toolbar-popup.js'
import { ok, openExtensionPage } from './vault-helpers.js'

const ALICE_KEY = `0x${'a1'.repeat(32)}`
const BOB_KEY = `0x${'b0'.repeat(32)}`
const BACKUP_PASSWORD = 'the backup password'
const VAULT_PASSWORD = 'this vault password'
const STAGING = { proofServiceUrl: 'https://proof-service.nextnext.id', kvServiceUrl: 'https://kv-service.nextnext.id' }
const PRODUCTION = { proofServiceUrl: 'https://proof-service.next.id', kvServiceUrl: 'https://kv-service.next.id' }
const DAPP = 'https://dapp.example'

type Unlocked = { status: 'unlocked'; currentAvatarId: string }

let dir: string
test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'nextid-backup-tab-'))
})
test.afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Exports a backup through the popup API and saves it; returns the file's path. */
async function saveBackup(extension: Page, password: string): Promise<string> {
  const { fileName, content } = await ok<{ fileName: string; content: string }>(extension, 'exportBackup', { password })
  const file = path.join(dir, fileName)
  writeFileSync(file, content)
  return file
}

/** Clicks `name` in the real toolbar popup over `extension`; returns the tab it opens, sized like the popup. */
async function openedInTab(context: BrowserContext, serviceWorker: Worker, extension: Page, names: string[]) {
  const toolbar = await ToolbarPopup.open(serviceWorker, extension)
  const opening = context.waitForEvent('page')
  for (const name of names) await toolbar.click(name)
  const tab = await opening
  await expect.poll(() => toolbar.isOpen()).toBe(false)
  return new PopupPage(tab)
}

/** Alice, the avatar the backups are made of, in a vault under the backup's password. */
/** Alice, with the settings pointing at staging: what the restore must bring back. */
async function importAliceOnStaging(extension: Page): Promise<Unlocked> {
  const alice = await importAlice(extension)
  await ok(extension, 'updateSettings', { endpoints: STAGING })
  return alice
}

function importAlice(extension: Page): Promise<Unlocked> {
  return ok<Unlocked>(extension, 'importPrivateKey', {
    privateKey: ALICE_KEY,
    name: 'Alice',
    password: BACKUP_PASSWORD,
  })
}

test('from the toolbar popup, Restore from backup opens in a tab; the backup brings settings and sites back', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  const extension = await openExtensionPage(context, extensionId)
  const alice = await importAliceOnStaging(extension)
  const dapp = await context.newPage()
  await openDapp(dapp, DAPP)
  const connecting = dappCall(dapp, 'nextid_requestAvatar')
  await answer(extension, true)
  expect(await connecting).toEqual({ result: alice.currentAvatarId })
  const file = await saveBackup(extension, BACKUP_PASSWORD)

  // An empty extension: the avatar left with its site, and the settings are production's again.
  await ok(extension, 'removeAvatar', { id: alice.currentAvatarId, password: BACKUP_PASSWORD })
  await ok(extension, 'updateSettings', { endpoints: PRODUCTION })
  expect(await ok(extension, 'getConnectedSites')).toEqual([])
  await extension.reload()

  const popup = await openedInTab(context, serviceWorker, extension, ['Restore from backup'])
  expect(popup.page.url()).toBe(`chrome-extension://${extensionId}/extension/popup/index.html#restore-backup`)
  await popup.expectHeading('Restore from backup')
  await popup.field('Backup file').setInputFiles(file)
  await popup.field('Password').fill(BACKUP_PASSWORD)
  await popup.screenshot('70-restore-in-tab')
  await new ChainKvPage(popup).restore(file, BACKUP_PASSWORD)
  const home = new HomePage(popup)
  await home.expectCurrent('Alice', alice.currentAvatarId)

  await home.openSettings()
  await expect(popup.page.getByLabel('Next.ID staging')).toBeChecked()
  await popup.button('Connected sites').click()
  await expect(new ConnectedSitesPage(popup.page).site(DAPP)).toContainText('Avatar: Alice')
  expect(await dappCall(dapp, 'nextid_avatar')).toEqual({ result: alice.currentAvatarId })
})

test('Add from a backup file, from the toolbar popup in a tab: adds the avatar missing here, names the one already here', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  const extension = await openExtensionPage(context, extensionId)
  const alice = await importAlice(extension)
  const bob = await ok<Unlocked>(extension, 'importPrivateKey', { privateKey: BOB_KEY, name: 'Bob' })
  const file = await saveBackup(extension, BACKUP_PASSWORD)
  // Another vault, under another password, holding Alice under another name.
  await ok(extension, 'removeAvatar', { id: bob.currentAvatarId, password: BACKUP_PASSWORD })
  await ok(extension, 'removeAvatar', { id: alice.currentAvatarId, password: BACKUP_PASSWORD })
  await ok(extension, 'importPrivateKey', { privateKey: ALICE_KEY, name: 'Alice here', password: VAULT_PASSWORD })
  await extension.reload()

  const popup = await openedInTab(context, serviceWorker, extension, ['Add avatar', 'Add from a backup file'])
  expect(popup.page.url()).toBe(`chrome-extension://${extensionId}/extension/popup/index.html#add-from-backup`)
  await popup.page.setViewportSize({ width: 360, height: 600 })
  await popup.expectHeading('Add from a backup file')
  await popup.field('Backup file').setInputFiles(file)
  await popup.field('Password').fill(VAULT_PASSWORD)
  await popup.button('Add avatars').click()
  await expect(popup.error()).toHaveText('Wrong password.')
  await popup.field('Password').fill(BACKUP_PASSWORD)
  await popup.button('Add avatars').click()
  await expect(popup.page.getByTestId('merge-added')).toContainText('Bob')
  await expect(popup.page.getByTestId('merge-added')).not.toContainText('Alice')
  await expect(popup.page.getByTestId('merge-already-present')).toContainText('Alice')
  await expect(popup.page.getByTestId('merge-already-present')).toContainText('here as “Alice here”')
  await popup.screenshot('71-merge-outcome')
  await popup.button('Done').click()
  const home = new HomePage(popup)
  await home.expectCurrent('Bob', bob.currentAvatarId)
  await expect(home.switcher().locator('option')).toHaveText(['Alice here', 'Bob'])

  // Already in a tab, the same entry stays on this page; a second time nothing changes.
  await popup.button('Add avatar').click()
  await popup.screenshot('73-add-avatar')
  await popup.page.getByRole('button', { name: /^Add from a backup file/ }).click()
  await popup.field('Backup file').setInputFiles(file)
  await popup.field('Password').fill(BACKUP_PASSWORD)
  await popup.button('Add avatars').click()
  await expect(popup.page.getByTestId('merge-outcome')).toContainText(
    'Every avatar in this backup is already here. Nothing changed.',
  )
  await expect(popup.page.getByTestId('merge-added')).toHaveCount(0)
  await popup.screenshot('72-merge-nothing-added')
  await popup.button('Done').click()

  // Bob is sealed under this vault's password now.
  await home.lock()
  await home.unlock(VAULT_PASSWORD)
  await home.expectCurrent('Bob', bob.currentAvatarId)
})

test('forgot password, from the toolbar popup: the backup restores in a tab, in place of the vault', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  const extension = await openExtensionPage(context, extensionId)
  const alice = await importAliceOnStaging(extension)
  const file = await saveBackup(extension, BACKUP_PASSWORD)
  await ok(extension, 'removeAvatar', { id: alice.currentAvatarId, password: BACKUP_PASSWORD })
  await ok(extension, 'updateSettings', { endpoints: PRODUCTION })
  await ok(extension, 'importPrivateKey', { privateKey: BOB_KEY, name: 'Bob', password: 'forgotten' })
  await ok(extension, 'lock')
  await extension.reload()

  const popup = await openedInTab(context, serviceWorker, extension, ['Forgot password?', 'Restore from a backup file'])
  expect(popup.page.url()).toBe(`chrome-extension://${extensionId}/extension/popup/index.html#forgot-backup`)
  await popup.expectHeading('Restore from backup')
  await popup.field('Backup file').setInputFiles(file)
  await popup.field('Password').fill(BACKUP_PASSWORD)
  await popup.button('Replace and restore').click()
  const home = new HomePage(popup)
  await home.expectCurrent('Alice', alice.currentAvatarId)
  await expect(home.switcher().locator('option')).toHaveText(['Alice'])
  await home.openSettings()
  await expect(popup.page.getByLabel('Next.ID staging')).toBeChecked()
})
