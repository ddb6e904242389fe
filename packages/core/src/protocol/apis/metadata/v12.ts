/**
 * Metadata v12 (full grammar in ./grammar.ts):
 *   MetadataRequest v12 => [TopicId:UUID Name:COMPACT_NULLABLE_STRING TAG_BUFFER] AllowAutoTopicCreation:BOOL
 *                          IncludeTopicAuthorizedOperations:BOOL TAG_BUFFER
 *   MetadataResponse v12 => ThrottleTimeMs:INT32 [Brokers] ClusterId:COMPACT_NULLABLE_STRING ControllerId:INT32
 *                           [Topics] TAG_BUFFER
 */
import { metadataCodec } from './grammar.js';

export const metadataV12 = metadataCodec(12);
