/**
 * FindCoordinator v4-v6 share one wire grammar (v5 added TRANSACTION_ABORTABLE, v6 the share key type):
 *
 *   FindCoordinatorRequest (v4-6) => KeyType:INT8 [CoordinatorKeys:COMPACT_STRING] TAG_BUFFER
 *
 *   FindCoordinatorResponse (v4-6) => ThrottleTimeMs:INT32 [Coordinators] TAG_BUFFER
 *     Coordinators => Key:COMPACT_STRING NodeId:INT32 Host:COMPACT_STRING Port:INT32 ErrorCode:INT16
 *                     ErrorMessage:COMPACT_NULLABLE_STRING TAG_BUFFER
 */
import type { ApiCodec } from '../../api.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';
import type { Coordinator, FindCoordinatorRequest, FindCoordinatorResponse } from './types.js';

function encodeRequest(w: Writer, req: FindCoordinatorRequest): void {
  w.int8(req.keyType);
  w.compactArray(req.coordinatorKeys, (w, k) => {
    w.compactString(k);
  });
  w.taggedFields();
}

function decodeRequest(r: Reader): FindCoordinatorRequest {
  const keyType = r.readInt8();
  const coordinatorKeys = r.readCompactArray((r) => r.readCompactString());
  r.readTaggedFields();
  return { keyType, coordinatorKeys };
}

function encodeResponse(w: Writer, res: FindCoordinatorResponse): void {
  w.int32(res.throttleTimeMs);
  w.compactArray(res.coordinators, (w, c) => {
    w.compactString(c.key).int32(c.nodeId).compactString(c.host).int32(c.port).int16(c.errorCode);
    w.compactNullableString(c.errorMessage).taggedFields();
  });
  w.taggedFields();
}

function readCoordinator(r: Reader): Coordinator {
  const key = r.readCompactString();
  const nodeId = r.readInt32();
  const host = r.readCompactString();
  const port = r.readInt32();
  const errorCode = r.readInt16();
  const errorMessage = r.readCompactNullableString();
  r.readTaggedFields();
  return { key, nodeId, host, port, errorCode, errorMessage };
}

function decodeResponse(r: Reader): FindCoordinatorResponse {
  const throttleTimeMs = r.readInt32();
  const coordinators = r.readCompactArray(readCoordinator);
  r.readTaggedFields();
  return { throttleTimeMs, coordinators };
}

export function findCoordinatorCodec(
  version: 4 | 5 | 6,
): ApiCodec<FindCoordinatorRequest, FindCoordinatorResponse> {
  return {
    name: 'FindCoordinator',
    apiKey: 10,
    version,
    flexible: true,
    encodeRequest,
    decodeRequest,
    encodeResponse,
    decodeResponse,
  };
}
