/**
 * Metadata v13 (full grammar in ./grammar.ts): v12 plus a top-level ErrorCode (REBOOTSTRAP_REQUIRED, KIP-1102).
 *   MetadataRequest v13 => [TopicId:UUID Name:COMPACT_NULLABLE_STRING TAG_BUFFER] AllowAutoTopicCreation:BOOL
 *                          IncludeTopicAuthorizedOperations:BOOL TAG_BUFFER
 *   MetadataResponse v13 => ThrottleTimeMs:INT32 [Brokers] ClusterId:COMPACT_NULLABLE_STRING ControllerId:INT32
 *                           [Topics] ErrorCode:INT16 TAG_BUFFER
 */
import { metadataCodec } from './grammar.js';

export const metadataV13 = metadataCodec(13);
