/**
 * Runs in: content scripts of the proof-post helpers (x.com, gist.github.com). Their user-visible
 * strings come from public/_locales/{en,zh_CN}/messages.json like the popup's (extension/popup/i18n.ts),
 * read with chrome.i18n directly: content scripts have it, and this keeps them free of popup code.
 */
import type messages from '../../public/_locales/en/messages.json'
import type { PublishStatus, PublishTask } from '../messaging/catalogue.js'
import { flowStatusText } from '../messaging/flow-status-text.js'

/** The keys the helpers may use: their own (`helper…`), flow statuses (`status…`) and the product's name. */
export type HelperMessageKey = Extract<keyof typeof messages, `helper${string}` | `status${string}` | 'extensionName'>

/** The message for `key` in the browser's language, with `$1`… filled from `substitutions`. */
export function helperText(key: HelperMessageKey, ...substitutions: string[]): string {
  return chrome.i18n.getMessage(key, substitutions.length > 0 ? substitutions : undefined)
}

/**
 * A flow status in the page's words (extension/messaging/flow-status-text.ts): the background sends
 * codes, never sentences, and the helper words them in the browser's language.
 */
export function helperStatusText(task: Pick<PublishTask, 'platform' | 'identity'>, status: PublishStatus): string {
  return flowStatusText(
    { ...status, platform: task.platform, identity: task.identity },
    (key, ...substitutions) => chrome.i18n.getMessage(key, substitutions.length > 0 ? substitutions : undefined),
    chrome.i18n.getUILanguage(),
  )
}
