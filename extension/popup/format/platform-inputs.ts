/**
 * What the "Add binding" screen asks for per platform: an example identity (the form the
 * ProofService expects, §6.1), the post languages its templates have (§6.2), and the site whose
 * helper content script captures the proof location by itself (issue 5).
 */

// Examples are identities, not prose: the same in every language.
const EXAMPLES: Record<string, string> = {
  twitter: 'NextDotID',
  github: 'octocat',
  keybase: 'alice',
  dns: 'example.com',
  discord: 'alice#1234',
  dotbit: 'alice.bit',
  minds: 'alice',
  steam: 'gabelogannewell',
  activitypub: 'alice@mastodon.social',
}

/** An example identity for the platform's input, or '' when there is none. */
export function identityExample(platform: string): string {
  return EXAMPLES[platform] ?? ''
}

/** Post languages the platform's templates have, beyond the default: X's en / zh_CN (§6.2). */
export function postLanguages(platform: string): string[] {
  return platform === 'twitter' ? ['en', 'zh_CN'] : []
}

/** The site whose helper fills in the proof location by itself, or undefined (the user pastes it). */
export function helperSite(platform: string): string | undefined {
  if (platform === 'twitter') return 'X'
  if (platform === 'github') return 'GitHub'
  return undefined
}
