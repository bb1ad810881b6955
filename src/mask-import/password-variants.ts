/**
 * The password strings a Mask encrypted backup may be sealed under (mask-vectors FORMATS.md, section G): a local backup
 * the password alone; a Mask-cloud backup the account + password, a phone written `+CC number` with
 * one space (and, after a number change in 2.x, without it); a Google Drive backup the password
 * alone (or, in an older build, the Google address + password).
 */

/** One way to try: the account prefixed to the password, or undefined for the password alone. */
export type PasswordVariant = { account: string | undefined }

/** The variants worth trying for what the user typed, the likeliest first. */
export function passwordVariants(account: string | undefined): PasswordVariant[] {
  const typed = account?.trim() ?? ''
  if (typed === '') return [{ account: undefined }]
  const accounts = typed.startsWith('+') ? phoneForms(typed) : [typed]
  return [...accounts.map((form) => ({ account: form })), { account: undefined }]
}

/**
 * A phone as Mask wrote it: `+CC number`. Typed with a space, the user's split and the same digits
 * without it; typed without one, we cannot know where the country code ends, so every country-code
 * length (1–3 digits, E.164) is tried after the digits as typed.
 */
function phoneForms(typed: string): string[] {
  const spaced = /^\+(\d{1,3})\s+([\d\s-]+)$/.exec(typed)
  if (spaced) {
    const [, country, rest] = spaced as unknown as [string, string, string]
    const number = rest.replace(/[\s-]/g, '')
    return [`+${country} ${number}`, `+${country}${number}`]
  }
  const digits = typed.slice(1).replace(/[\s-]/g, '')
  if (!/^\d+$/.test(digits)) return [typed]
  const splits = [1, 2, 3]
    .filter((length) => digits.length > length)
    .map((length) => `+${digits.slice(0, length)} ${digits.slice(length)}`)
  return [`+${digits}`, ...splits]
}

/** The string Mask encrypted with, for one variant. */
export function passwordString(variant: PasswordVariant, password: string): string {
  return variant.account === undefined ? password : variant.account + password
}
