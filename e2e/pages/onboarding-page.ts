/** Page object for the onboarding flows: create (phrase + quiz), import phrase, import key. */
import { expect } from '@playwright/test'
import type { PopupPage } from './popup-page.js'

export type Details = { name: string; password?: string }

export class OnboardingPage {
  constructor(readonly popup: PopupPage) {}

  async choose(flow: 'Create a new avatar' | 'Import a recovery phrase' | 'Import a private key') {
    await this.popup.page.getByRole('button', { name: flow }).click()
    await this.popup.expectHeading(flow)
  }

  /** The words of the phrase grid, in order. */
  async readPhrase(): Promise<string[]> {
    const grid = this.popup.page.getByTestId('phrase-grid')
    await expect(grid.locator('li')).toHaveCount(12)
    return grid.locator('.word').allTextContents()
  }

  async confirmWrittenDown() {
    await this.popup.page.getByLabel('I wrote the phrase down').check()
    await this.popup.button('Continue').click()
  }

  /** Answers every "Word #N" the quiz asks with the phrase's word at N. */
  async answerQuiz(words: string[]) {
    const labels = this.popup.page.locator('label', { hasText: /^Word #\d+$/ })
    await expect(labels).toHaveCount(3)
    for (const label of await labels.allTextContents()) {
      const position = Number(label.replace('Word #', ''))
      await this.popup.field(label).fill(words[position - 1] ?? '')
    }
    await this.popup.button('Continue').click()
  }

  /** Fills the name (and, for the first avatar, the password twice) without submitting. */
  async fillDetails({ name, password }: Details) {
    await this.popup.field('Avatar name').fill(name)
    if (password !== undefined) {
      await this.popup.field('Password').fill(password)
      await this.popup.field('Confirm password').fill(password)
    }
  }

  async createAvatar(details: Details): Promise<string[]> {
    await this.choose('Create a new avatar')
    const words = await this.readPhrase()
    await this.confirmWrittenDown()
    await this.answerQuiz(words)
    await this.fillDetails(details)
    await this.popup.button('Create a new avatar').click()
    return words
  }

  async importPhrase(phrase: string, details: Details) {
    await this.choose('Import a recovery phrase')
    await this.popup.field('Recovery phrase').fill(phrase)
    await this.fillDetails(details)
    await this.popup.button('Import').click()
  }

  async importKey(privateKey: string, details: Details) {
    await this.choose('Import a private key')
    await this.popup.field('Private key (hex)').fill(privateKey)
    await this.fillDetails(details)
    await this.popup.button('Import').click()
  }
}
