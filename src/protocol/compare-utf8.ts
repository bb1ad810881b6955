/**
 * Byte-wise ordering of UTF-8 strings, the key order of Go's `encoding/json` maps and of
 * serde_json's `Map` (§3.6). JS compares UTF-16 code units, which differs for astral characters
 * (surrogates U+D800..U+DFFF) against U+E000..U+FFFF.
 */

/** Compares two strings by their UTF-8 bytes (which is code point order). */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) return codePointRank(x) - codePointRank(y)
  }
  return a.length - b.length
}

/** The own enumerable keys of an object in UTF-8 byte order. */
export function sortedKeysUtf8(object: object): string[] {
  return Object.keys(object).sort(compareUtf8)
}

// At the first differing unit, a surrogate stands for a code point above U+FFFF, so it must rank
// after U+E000..U+FFFF; everything else already ranks by code unit.
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000
  if (unit >= 0xe000) return unit - 0x800
  return unit
}
