/**
 * Runs in: unit tests of the popup's wording. A stand-in for webextension-polyfill's i18n over the
 * extension's real messages.json, in the language `language.current` names:
 *   vi.mock('webextension-polyfill', () => import('<path>/test/support/popup-i18n.js'))
 */
import { type Locale, messageReader } from './locale-messages.js'

export const language: { current: Locale } = { current: 'en' }

export default {
  i18n: {
    getMessage: (key: string, substitutions?: string[]) => messageReader(language.current)(key, substitutions),
    getUILanguage: () => (language.current === 'en' ? 'en' : 'zh-CN'),
  },
}
