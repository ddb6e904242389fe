/**
 * FindCoordinator v6 — same wire as v4; adds KeyType 2 (share, broker-internal) (grammar in ./grammar.ts):
 *   FindCoordinatorRequest v6 => KeyType:INT8 [CoordinatorKeys:COMPACT_STRING] TAG_BUFFER
 *   FindCoordinatorResponse v6 => ThrottleTimeMs:INT32 [Key:COMPACT_STRING NodeId:INT32 Host:COMPACT_STRING
 *                                 Port:INT32 ErrorCode:INT16 ErrorMessage:COMPACT_NULLABLE_STRING TAG_BUFFER] TAG_BUFFER
 */
import { findCoordinatorCodec } from './grammar.js';

export const findCoordinatorV6 = findCoordinatorCodec(6);
