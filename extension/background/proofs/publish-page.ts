/**
 * Where the user publishes a proof and which text: X's compose intent pre-filled with the post
 * (platforms.md §1.1), GitHub's new-gist page (platforms.md §2.1). A tweet that would weigh more than X lets
 * anyone post (platforms.md §1.2: the Chinese template with a long handle and a previous link) falls back to
 * the default template, which always fits.
 */
import { type PostPlatform, postFacts } from '../../../src/platforms/index.js'
import { choosePostContent, fillSignature, fitsInTweet } from '../../../src/protocol/index.js'

/** The page that starts publishing `postText` on `platform`, or '' when there is none. */
export function publishUrlFor(platform: PostPlatform, postText: string): string {
  return postFacts(platform).publishUrl(postText)
}

export type PostTextChoice = {
  platform: PostPlatform
  /** `post_content` from POST /v1/proof/payload (§4.4). */
  postContent: unknown
  language: string
  /** Standard base64 of the avatar's signature. */
  signature: string
  avatarId: string
}

/** The text to publish in the user's language, signature filled in; a tweet too heavy for X falls back to `default`. */
export function choosePostText(choice: PostTextChoice): string {
  const fill = (language: string) =>
    fillSignature(choosePostContent(choice.postContent, language), choice.signature, choice.avatarId)
  const text = fill(choice.language)
  if (choice.platform !== 'twitter' || fitsInTweet(text)) return text
  return fill('default')
}
