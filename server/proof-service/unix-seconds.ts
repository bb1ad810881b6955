/** Times on the wire are unix seconds as decimal strings (§4.6, §4.7). */

/** `date` as whole unix seconds, e.g. `"1643099438"`. */
export function toUnixSeconds(date: Date): string {
  return String(Math.floor(date.getTime() / 1000))
}
