/**
 * What the code knows about one binding platform, in one place (issue 11). Every field is
 * required: a platform that lacks a fact does not compile (see registry.type-test.ts).
 */

/** How a binding on the platform is proven (§6.1). */
export type PlatformKind =
  /** The user publishes a proof post, record or file; the service fetches it. */
  | 'post'
  /** A wallet signs the same payload as the avatar (§6.4, §6.5). */
  | 'wallet'
  /** Another avatar: a link between avatars, not bindable from the popup (§6.6). */
  | 'avatar'

/**
 * What revoking needs on Next.ID's own service (§7.2): the avatar's signature alone; a new proof
 * published for the delete payload (the validator fetches it again); or either signer of a wallet.
 */
export type RevokePolicy = 'avatar-signature' | 'new-proof' | 'wallet-or-avatar'

/** The kind of public proof the user publishes, which the UI names and reminds to delete after a revoke. */
export type ProofMedium =
  | 'tweet'
  | 'gist'
  | 'keybase-file'
  | 'txt-record'
  | 'message'
  | 'custom-record'
  | 'post'
  | 'profile-summary'

/** Why an identity the user typed was refused: a code the UI words in the user's language. */
export type IdentityRule =
  | 'empty'
  | 'whitespace'
  | 'control-character'
  | 'drop-at'
  | 'not-a-handle'
  | 'not-a-login'
  | 'not-a-domain'
  | 'not-a-dotbit-account'
  | 'not-a-username'
  | 'not-a-fediverse-handle'
  | 'not-an-address'
  | 'not-an-avatar'
  | 'too-long'
  | 'is-a-link'

/** The values the reference puts into `post_content` templates (§6.2). */
export type TemplateFields = {
  /** As the user typed it (validated): X and Minds show it that way. */
  typed: string
  /** As normalised into the sign payload (§5.3). */
  identity: string
  /** `0x` + compressed hex. */
  avatar: string
  uuid: string
  createdAt: string
  prev: string | null
  /** The sign payload the service returns for these values (GitHub and Keybase embed it). */
  signPayload: string
}

/** Texts by language key; `default` is always there. */
export type PostContent = { default: string } & Record<string, string>

/** The facts about a platform where the user publishes the proof. */
export type PostFacts = {
  medium: ProofMedium
  /**
   * The `post_content` the reference answers at /v1/proof/payload (§6.2), `%SIG_BASE64%` (and for
   * .bit `%COMPRESSED_PERSONA_PUBKEY_HEX%`) left for the client to fill in.
   */
  template: (fields: TemplateFields) => PostContent
  /** `post_content` keys beyond `default`, which the user may choose between. */
  languages: readonly string[]
  /**
   * Where the service reads the proof: `parse` turns what the user pastes (a link or an id) into
   * the `proof_location` to submit; null where the service finds it by identity alone (§6.1).
   */
  proofLocation: { parse: (text: string, field: string) => string; example: string } | null
  /** The page that starts publishing `postText` (X's compose intent, a new gist), or '' when there is none. */
  publishUrl: (postText: string) => string
  /** Origins where a helper content script assists publishing (`https://x.com`…); empty when none. */
  helperOrigins: readonly string[]
  /**
   * How long a flow keeps checking for the published proof before it gives up: DNS changes take
   * hours to reach every resolver; posts can appear late on busy platforms.
   */
  patienceMs: number
}

/** Every fact about one platform. */
export type PlatformSpec<Id extends string = string> = {
  id: Id
  kind: PlatformKind
  /** The product's name, never translated (X, GitHub, .bit …). */
  name: string
  /** What a binding on it is called in payload descriptions ("X/Twitter account"). */
  bindingLabel: string
  /** Listed in the reference ProofService's /healthz at HEAD (§4.3). */
  registered: boolean
  /** A letter and a colour for the badge: no remote images. */
  badge: { letter: string; color: string }
  identity: {
    /**
     * How ProofService writes the identity into the sign payload (§5.3): permissive like the
     * reference, so our server rebuilds payloads exactly; throws InvalidInputError.
     */
    normalize: (text: string, field: string) => string
    /**
     * The client's stricter check before anything is signed: the rule the text breaks, or
     * undefined when it is an identity of this platform. Runs on the text `normalize` accepted.
     */
    check: (text: string) => IdentityRule | undefined
    /** A typical identity, shown as the input's example. */
    example: string
    /** Known answers: typed → normalised, and texts `check` refuses with their rule. */
    examples: {
      valid: readonly (readonly [typed: string, normalised: string])[]
      invalid: readonly (readonly [typed: string, rule: IdentityRule])[]
    }
  }
  /** Null for wallets and avatars, which publish nothing. */
  post: PostFacts | null
  revoke: RevokePolicy
}
