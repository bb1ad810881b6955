/**
 * Compile-time proof that the registry is complete (issue 11): `tsc` fails if a spec may lack a
 * fact. Each `@ts-expect-error` below must find an error, or tsc reports it unused.
 */
import type { PlatformSpec } from './platform-spec.js'
import { twitter } from './twitter.js'

const { patienceMs: _patience, ...postWithoutPatience } = twitter.post
const { revoke: _revoke, ...withoutRevoke } = twitter
const { check: _check, ...identityWithoutCheck } = twitter.identity

// @ts-expect-error a post platform without its patience does not compile
export const missingPatience: PlatformSpec = { ...twitter, post: postWithoutPatience }
// @ts-expect-error a platform without its revoke policy does not compile
export const missingRevoke: PlatformSpec = withoutRevoke
// @ts-expect-error a platform without its identity check does not compile
export const missingCheck: PlatformSpec = { ...twitter, identity: identityWithoutCheck }
