/** How the password form rates a new password; the vault's own limit is the 8-character minimum. */
export type PasswordStrength = 'too-short' | 'weak' | 'fair' | 'strong'

export const MIN_PASSWORD_LENGTH = 8

/** A rough strength hint: length plus the kinds of characters used (lower, upper, digit, other). */
export function ratePassword(password: string): PasswordStrength {
  const length = [...password].length
  if (length < MIN_PASSWORD_LENGTH) return 'too-short'
  const kinds = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u].filter((kind) => kind.test(password)).length
  if (length >= 16 || (length >= 12 && kinds >= 3)) return 'strong'
  if (length >= 12 || kinds >= 3) return 'fair'
  return 'weak'
}
