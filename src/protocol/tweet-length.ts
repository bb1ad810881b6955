/**
 * X's weighted tweet length (twitter-text `config/v3.json`, platforms.md §1.2): the composer
 * refuses a post that weighs more than 280. Code points in a few Latin/punctuation ranges weigh
 * 1, everything else 2; an emoji sequence weighs 2 in total; a URL weighs 23. The text is
 * NFC-normalised first.
 */
import { requireString } from '../input.js'

/** The most a tweet may weigh. */
export const MAX_TWEET_WEIGHT = 280

const URL_WEIGHT = 23
const EMOJI_WEIGHT = 2
const DEFAULT_WEIGHT = 2

/** Code point ranges that weigh 1 (v3.json `ranges`, weight 100 on scale 100). */
const LIGHT_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
]

// Only links with an explicit scheme: twitter-text also counts bare domains ("example.com") as
// links, which no Next.ID template contains; this keeps the count exact for the texts we post.
const URL_PATTERN = /https?:\/\/[^\s]+/giu
const EMOJI_PATTERN = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u

/** The weighted length of `text` as X counts it (≤ 280 posts). */
export function weighTweet(text: unknown): number {
  const normalised = requireString(text, 'text').normalize('NFC')
  let weight = 0
  const withoutUrls = normalised.replace(URL_PATTERN, () => {
    weight += URL_WEIGHT
    return ''
  })
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(withoutUrls)) {
    weight += EMOJI_PATTERN.test(segment) ? EMOJI_WEIGHT : weighCodePoints(segment)
  }
  return weight
}

/** True when X's composer accepts `text` (weighted length ≤ 280). */
export function fitsInTweet(text: unknown): boolean {
  return weighTweet(text) <= MAX_TWEET_WEIGHT
}

function weighCodePoints(segment: string): number {
  let weight = 0
  for (const character of segment) {
    const point = character.codePointAt(0) ?? 0
    weight += LIGHT_RANGES.some(([low, high]) => point >= low && point <= high) ? 1 : DEFAULT_WEIGHT
  }
  return weight
}
