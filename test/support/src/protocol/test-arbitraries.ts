/** fast-check generators shared by the JSON serialiser tests. */
import fc from 'fast-check'

/** Characters where Go, serde_json and JSON.stringify disagree or where UTF-8 order differs from UTF-16 order. */
const TRICKY_CHARACTERS = fc.constantFrom(
  '<',
  '>',
  '&',
  '\u2028',
  '\u2029',
  '\b',
  '\f',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u0080',
  '"',
  '\\',
  '/',
  '+',
  "'",
  'é',
  '中',
  '文',
  '😀',
  '🎭',
  '\uE000',
  '\uFFFF',
  '\uFFFD',
  '𝄞',
  '\u{10FFFF}',
  'a',
  'B',
  '_',
  '0',
  '9',
)

/** A string of tricky characters, emoji, CJK, astral and any other well-formed code points. */
export const jsonString = fc.string({
  unit: fc.oneof(TRICKY_CHARACTERS, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
  maxLength: 12,
})

/** Nested JSON objects whose leaves come from `leaf`. */
export function jsonObject<T>(leaf: fc.Arbitrary<T>): fc.Arbitrary<Record<string, unknown>> {
  const tree = fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.dictionary(jsonString, tie('value'), { maxKeys: 5 }),
  }))
  return tree.object
}

/** Sorts keys by their UTF-8 bytes with Node's Buffer, independently of compareUtf8. */
export function byUtf8Bytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
}
