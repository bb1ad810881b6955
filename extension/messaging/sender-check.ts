/**
 * Who may call an API is decided from what the browser says about the sender, never from the
 * message. Kept free of browser globals so the rule itself is unit-tested.
 */

/** The fields of a runtime.MessageSender the check reads. */
export type SenderFacts = { id?: string; url?: string; origin?: string }

/** This extension's own id and origin (`chrome-extension://<id>`). */
export type OwnExtension = { id: string; origin: string }

/**
 * True only for pages of this extension (popup, full tab, approval window). A content script of
 * this extension has the same `id` but the web page's URL, so it is refused.
 */
export function isOwnExtensionPage(sender: SenderFacts, own: OwnExtension): boolean {
  if (sender.id !== own.id || sender.url === undefined) return false
  const origin = originOf(sender.url)
  return origin === own.origin && (sender.origin === undefined || sender.origin === own.origin)
}

/**
 * scheme://host of a URL. Not `URL.origin`: outside a browser a `chrome-extension:` URL has the
 * opaque origin "null", which would make every extension page look alike.
 */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}`
  } catch {
    return undefined
  }
}
