/** Offline verification: proof chains and published proofs, checked in the user's own runtime. */
export {
  type ChainLinkToVerify,
  type ChainVerification,
  type LinkStatus,
  type LinkVerification,
  verifyProofChain,
} from './proof-chain.js'
export { type ProofPostToVerify, type ProofPostVerification, verifyProofPost } from './proof-post.js'
