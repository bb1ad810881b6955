/** Next.ID protocol formats: sign payloads, post contents, published proofs and KV patches. */
export { compareUtf8 } from './compare-utf8.js'
export {
  describeKvPayload,
  describeProofPayload,
  type KvPayloadDescription,
  type PayloadDescription,
  shortenHex,
} from './describe-payload.js'
export { type DnsProofRecord, parseDnsTxtRecord, proofRecordsOf } from './dns-txt-record.js'
export { DNS_RCODE, type DohTxtAnswer, readDohTxtAnswer } from './doh-txt-answer.js'
export { quoteGoString, stringifyGoJson } from './go-json.js'
export { buildKvSignPayload, type KvSignPayloadParams } from './kv-payload.js'
export { applyMergePatch, diffMergePatch, type MergePatchChange } from './merge-patch.js'
export { parseJsonPreservingNumbers } from './parse-json.js'
export {
  isRegisteredPlatform,
  normalizeIdentity,
  PLATFORM_LABELS,
  PLATFORMS,
  type Platform,
  parsePlatform,
  REGISTERED_PLATFORMS,
} from './platforms.js'
export {
  buildPostContent,
  choosePostContent,
  fillSignature,
  type PostContent,
  type PostContentParams,
} from './post-content.js'
export { isSamePostText, normalisePostText } from './post-text.js'
export { type ProofDocument, parseProofDocument } from './proof-document.js'
export { type ProofAction, parsePrevSignature, parseProofAction } from './proof-fields.js'
export {
  buildLegacyProofSignPayload,
  buildProofSignPayload,
  type LegacyProofSignPayloadParams,
  type ProofSignPayloadParams,
} from './proof-payload.js'
export { findSignatureLine, parseDotbitRecord, parseTwitterMisc } from './proof-post.js'
export { formatRyuF64 } from './ryu-format.js'
export { quoteSerdeString, stringifySerdeJson } from './serde-json.js'
export { parseSerdeNumber, type SerdeNumber } from './serde-number.js'
export { fitsInTweet, MAX_TWEET_WEIGHT, weighTweet } from './tweet-length.js'
