export { type ClaimVerdict, DedupBook } from './dedup-book.js';
export { DedupClaimTimeoutError } from './dedup-errors.js';
export { DedupGate, type ProduceClaims } from './dedup-gate.js';
export {
  type ClaimRecord,
  claimKey,
  type DedupRecord,
  decodeDedupRecord,
  encodeDedupRecord,
  RELEASE_ANY,
  type ReleaseRecord,
} from './dedup-records.js';
export { dedupTopicSpec, MAX_CLAIM_AGE_MS } from './dedup-topic.js';
export { provisionDedupTopic } from './provision-dedup.js';
export { needsDedupRelease, releaseDedupClaim } from './release-claim.js';
