/**
 * Page object for the binding flows in the popup: the "Add binding" screen, the flow screen
 * (steps, the text to publish, the proof location, submit, done / failed) and the flows on home.
 */
import { expect, type Locator } from '@playwright/test'
import type { PopupPage } from './popup-page.js'

/** The step names as the flow screen's step list shows them. */
export type FlowStepLabel = 'Signed' | 'Publish' | 'Verify' | 'Done'

export class FlowPage {
  constructor(readonly popup: PopupPage) {}

  /** From home: opens the "Add binding" screen and waits for the platform picker. */
  async openAddBinding() {
    await this.popup.button('Add binding').click()
    await this.popup.expectHeading('Add binding')
    await expect(this.platformPicker()).toBeVisible()
  }

  platformPicker(): Locator {
    return this.popup.page.getByRole('radiogroup', { name: 'Platform' })
  }

  /** Picks a platform by its product name (e.g. 'DNS', 'X (Twitter)', 'GitHub', 'Ethereum'). */
  async choosePlatform(name: string) {
    await this.platformPicker().getByRole('radio', { name, exact: true }).check()
  }

  /** The identity input (labelled "Your domain" for DNS, "Your account on X" elsewhere). */
  identity(): Locator {
    return this.popup.page.getByLabel(/^(Your account on |Your domain$)/)
  }

  /** Picks the post language where the platform has templates ('English' / 'Chinese'). */
  async chooseLanguage(name: 'English' | 'Chinese') {
    await this.popup.page.getByRole('radiogroup', { name: 'Language of the post' }).getByLabel(name).check()
  }

  /** Fills the identity and presses Start; the flow screen opens on success. */
  async start(identity: string) {
    await this.identity().fill(identity)
    await this.popup.button('Start').click()
  }

  /** Add binding → platform → identity → Start, then waits for the flow screen's publish step. */
  async startBinding(platformName: string, identity: string) {
    await this.openAddBinding()
    await this.choosePlatform(platformName)
    await this.start(identity)
    await this.expectStep('Publish')
  }

  steps(): Locator {
    return this.popup.page.getByRole('list', { name: 'Steps' })
  }

  /** The flow screen shows `step` as the current one. */
  async expectStep(step: FlowStepLabel, timeout = 30_000) {
    await expect(this.steps().locator('[aria-current="step"]')).toHaveText(new RegExp(`^${step}`), { timeout })
  }

  /** The read-only box with the exact text, record or file to publish. */
  textToPublish(): Locator {
    return this.popup.page.getByRole('textbox', { name: 'Text to publish' })
  }

  async readTextToPublish(): Promise<string> {
    await expect(this.textToPublish()).toBeVisible()
    return this.textToPublish().inputValue()
  }

  async copy() {
    await this.popup.button('Copy').click()
    await expect(this.popup.button('Copied')).toBeVisible()
  }

  proofLocation(): Locator {
    return this.popup.field('Link or id of the post')
  }

  /** "I've published it" (with the proof location first, when the platform needs one). */
  async published(proofLocation?: string) {
    if (proofLocation !== undefined) await this.proofLocation().fill(proofLocation)
    await this.popup.button("I've published it").click()
  }

  /** The waiting line of the verify step ("Next check at 14:02:10"). */
  retryStatus(): Locator {
    return this.popup.page.getByTestId('flow-retry')
  }

  /** Until when the background keeps checking ("Keeps checking until …"). */
  checkUntil(): Locator {
    return this.popup.page.getByTestId('flow-check-until')
  }

  async checkNow() {
    await this.popup.page.getByTestId('flow-check-now').click()
  }

  doneMessage(): Locator {
    return this.popup.page.getByTestId('flow-done')
  }

  async expectDone(timeout = 30_000) {
    await expect(this.doneMessage()).toBeVisible({ timeout })
  }

  failure(): Locator {
    return this.popup.page.getByTestId('flow-failed')
  }

  async expectFailed(reason: string | RegExp, timeout = 30_000) {
    await expect(this.failure()).toContainText(reason, { timeout })
  }

  async startAgain() {
    await this.popup.button('Start again').click()
  }

  async clear() {
    await this.popup.button('Clear').click()
  }

  /** Done → "Back to home" (the finished flow is cleared). */
  async backHome() {
    await this.popup.button('Back to home').click()
    await expect(this.popup.heading('Bindings')).toBeVisible()
  }

  /** The flows on home that are not cleared yet. */
  homeFlows(): Locator {
    return this.popup.page.getByTestId('flow-row')
  }

  /** Opens the flow screen of the home row whose text contains `identity`. */
  async openFlowFromHome(identity: string) {
    await this.homeFlows().filter({ hasText: identity }).getByRole('button').first().click()
    await expect(this.steps()).toBeVisible()
  }

  /** The revoke sheet's offer when the service wants a new proof to revoke (§7.2). */
  revokeNeedsProof(): Locator {
    return this.popup.page.getByTestId('revoke-needs-proof')
  }

  async startRevokeWithProof() {
    await this.popup.button('Publish a revoke proof').click()
    await expect(this.steps()).toBeVisible()
  }
}
