/** True for text that reads as a phrase (12 or more words of letters): the popup then offers a passphrase field. */
export function looksLikePhrase(text: unknown): boolean {
  if (typeof text !== 'string') return false
  const trimmed = text.trim()
  return /^[\p{L}\s]+$/u.test(trimmed) && trimmed.split(/\s+/).length >= 12
}
