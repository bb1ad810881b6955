/**
 * What a post platform's flow needs from the user (issue 5): the proof location the service
 * fetches the proof from (§6.1), parsed from what the user pastes, by the platform's spec.
 */
import { requireString } from '../../../src/input.js'
import { POST_PLATFORMS, type PostPlatform, parsePlatformOf, postFacts } from '../../../src/platforms/index.js'

/** Checks that `platform` is one where the user publishes a proof. */
export function parsePostPlatform(value: unknown, field = 'platform'): PostPlatform {
  return parsePlatformOf(value, POST_PLATFORMS, field)
}

/** True when the user must say where the proof was published. */
export function needsProofLocation(platform: PostPlatform): boolean {
  return postFacts(platform).proofLocation !== null
}

/** The proof location to submit, from an id or a link; `""` for platforms that need none. */
export function parseProofLocation(platform: PostPlatform, value: unknown, field = 'proofLocation'): string {
  const text = requireString(value, field)
  return postFacts(platform).proofLocation?.parse(text, field) ?? ''
}
