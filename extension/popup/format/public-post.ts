/**
 * What stays public after a revoke (§6): ProofService forgets the binding, but the post that
 * proved it is the user's to delete. Wallets (§6.4, §6.5) prove with signatures, not posts.
 */
export type PublicPost = 'tweet' | 'gist' | 'dns-record' | 'keybase-file' | 'message' | 'steam-profile' | 'post'

const POSTS: Record<string, PublicPost> = {
  twitter: 'tweet',
  github: 'gist',
  dns: 'dns-record',
  keybase: 'keybase-file',
  discord: 'message',
  steam: 'steam-profile',
}
const WALLETS = new Set(['ethereum', 'solana'])

/** The kind of proof post a binding on `platform` left behind, or undefined when it left none. */
export function publicPostOf(platform: string): PublicPost | undefined {
  if (WALLETS.has(platform)) return undefined
  return POSTS[platform] ?? 'post'
}
