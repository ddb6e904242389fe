/**
 * FindCoordinator v5 — same wire as v4; the broker may answer TRANSACTION_ABORTABLE (grammar in ./grammar.ts):
 *   FindCoordinatorRequest v5 => KeyType:INT8 [CoordinatorKeys:COMPACT_STRING] TAG_BUFFER
 *   FindCoordinatorResponse v5 => ThrottleTimeMs:INT32 [Key:COMPACT_STRING NodeId:INT32 Host:COMPACT_STRING
 *                                 Port:INT32 ErrorCode:INT16 ErrorMessage:COMPACT_NULLABLE_STRING TAG_BUFFER] TAG_BUFFER
 */
import { findCoordinatorCodec } from './grammar.js';

export const findCoordinatorV5 = findCoordinatorCodec(5);
