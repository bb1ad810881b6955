/**
 * What stays public after a revoke (§6): ProofService forgets the binding, but the post that
 * proved it is the user's to delete. Read from the registry's `post.medium`; wallets (§6.4, §6.5)
 * prove with signatures and avatars (§6.6) with links, neither with a post (`post: null`).
 */
import { isPlatform, type ProofMedium, platformSpec } from '../../../src/platforms/index.js'

/** How the reminder names the post: one locale key each (`post…` in public/_locales). */
export type PublicPost = 'tweet' | 'gist' | 'dns-record' | 'keybase-file' | 'message' | 'steam-profile' | 'post'

/** Each medium's reminder wording; a medium without its own wording is "the proof post". */
const PUBLIC_POSTS: Readonly<Record<ProofMedium, PublicPost>> = {
  tweet: 'tweet',
  gist: 'gist',
  'txt-record': 'dns-record',
  'keybase-file': 'keybase-file',
  message: 'message',
  'profile-summary': 'steam-profile',
  'custom-record': 'post',
  post: 'post',
}

/**
 * The kind of proof post a binding on `platform` left behind, or undefined when it left none; a
 * platform this version does not know gets the generic 'post'.
 */
export function publicPostOf(platform: string): PublicPost | undefined {
  if (!isPlatform(platform)) return 'post'
  const post = platformSpec(platform).post
  return post === null ? undefined : PUBLIC_POSTS[post.medium]
}
