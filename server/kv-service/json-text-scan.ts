/**
 * Reads facts from JSON text that parsing throws away. KVService keeps the patch exactly as the
 * client wrote it (kv_chain.patch_text), and refuses bodies nested deeper than serde_json's
 * recursion limit before any recursive parser sees them (§9.1: `JSON parse error`).
 * Both functions expect text that JSON.parse has already accepted.
 */

const WHITESPACE = new Set([' ', '\t', '\n', '\r'])

/** The deepest nesting of arrays and objects in the text (a scalar is 0, `{}` is 1). */
export function measureJsonDepth(text: string): number {
  let depth = 0
  let deepest = 0
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === '"') i = skipString(text, i) - 1
    else if (char === '{' || char === '[') deepest = Math.max(deepest, ++depth)
    else if (char === '}' || char === ']') depth--
  }
  return deepest
}

/**
 * The exact text of the value of `key` in the top-level object, or undefined when the text is not
 * an object or has no such member. With a repeated key the last one counts, as in JSON.parse.
 */
export function findRawMember(text: string, key: string): string | undefined {
  let i = skipWhitespace(text, 0)
  if (text[i] !== '{') return undefined
  let found: string | undefined
  i = skipWhitespace(text, i + 1)
  while (text[i] === '"') {
    const keyEnd = skipString(text, i)
    const name: unknown = JSON.parse(text.slice(i, keyEnd))
    const start = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1) // past the `:`
    const end = skipValue(text, start)
    if (name === key) found = text.slice(start, end)
    i = skipWhitespace(text, end)
    if (text[i] === ',') i = skipWhitespace(text, i + 1)
  }
  return found
}

function skipWhitespace(text: string, from: number): number {
  let i = from
  while (i < text.length && WHITESPACE.has(text[i] as string)) i++
  return i
}

/** `from` is at the opening quote; returns the index just past the closing one. */
function skipString(text: string, from: number): number {
  let i = from + 1
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
  return i + 1
}

function skipValue(text: string, from: number): number {
  const first = text[from]
  if (first === '"') return skipString(text, from)
  if (first !== '{' && first !== '[') {
    let i = from
    while (i < text.length && !WHITESPACE.has(text[i] as string) && !',}]'.includes(text[i] as string)) i++
    return i
  }
  let depth = 0
  for (let i = from; i < text.length; i++) {
    const char = text[i]
    if (char === '"') i = skipString(text, i) - 1
    else if (char === '{' || char === '[') depth++
    else if ((char === '}' || char === ']') && --depth === 0) return i + 1
  }
  return text.length
}
