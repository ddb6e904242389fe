/**
 * ListGroups v5 (flexible), generated from the Kafka 4.4.0 message JSON.
 *
 *   ListGroupsRequest (Version: 5) => StatesFilter TypesFilter TAG_BUFFER
 *     StatesFilter => COMPACT_ARRAY<COMPACT_STRING>
 *     TypesFilter => COMPACT_ARRAY<COMPACT_STRING>
 *
 *   ListGroupsResponse (Version: 5) => ThrottleTimeMs ErrorCode [Groups] TAG_BUFFER
 *     ThrottleTimeMs => INT32
 *     ErrorCode => INT16
 *     Groups => GroupId ProtocolType GroupState GroupType TAG_BUFFER (COMPACT_ARRAY<ListedGroup>)
 *       GroupId => COMPACT_STRING
 *       ProtocolType => COMPACT_STRING
 *       GroupState => COMPACT_STRING
 *       GroupType => COMPACT_STRING
 */
import type { ApiCodec } from '../../api.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';
import { readCompactStringItem, writeCompactStringItem } from '../items.js';
import type { ListGroupsListedGroup, ListGroupsRequest, ListGroupsResponse } from './types.js';

function writeListGroupsRequest(w: Writer, s: ListGroupsRequest): void {
  w.compactArray(s.statesFilter, writeCompactStringItem);
  w.compactArray(s.typesFilter, writeCompactStringItem);
  w.taggedFields();
}

function readListGroupsRequest(r: Reader): ListGroupsRequest {
  const statesFilter = r.readCompactArray(readCompactStringItem);
  const typesFilter = r.readCompactArray(readCompactStringItem);
  r.readTaggedFields();
  return { statesFilter, typesFilter };
}

function writeListGroupsListedGroup(w: Writer, s: ListGroupsListedGroup): void {
  w.compactString(s.groupId);
  w.compactString(s.protocolType);
  w.compactString(s.groupState);
  w.compactString(s.groupType);
  w.taggedFields();
}

function readListGroupsListedGroup(r: Reader): ListGroupsListedGroup {
  const groupId = r.readCompactString();
  const protocolType = r.readCompactString();
  const groupState = r.readCompactString();
  const groupType = r.readCompactString();
  r.readTaggedFields();
  return { groupId, protocolType, groupState, groupType };
}

function writeListGroupsResponse(w: Writer, s: ListGroupsResponse): void {
  w.int32(s.throttleTimeMs);
  w.int16(s.errorCode);
  w.compactArray(s.groups, writeListGroupsListedGroup);
  w.taggedFields();
}

function readListGroupsResponse(r: Reader): ListGroupsResponse {
  const throttleTimeMs = r.readInt32();
  const errorCode = r.readInt16();
  const groups = r.readCompactArray(readListGroupsListedGroup);
  r.readTaggedFields();
  return { throttleTimeMs, errorCode, groups };
}

export const listGroupsV5: ApiCodec<ListGroupsRequest, ListGroupsResponse> = {
  name: 'ListGroups',
  apiKey: 16,
  version: 5,
  flexible: true,
  encodeRequest: writeListGroupsRequest,
  decodeRequest: readListGroupsRequest,
  encodeResponse: writeListGroupsResponse,
  decodeResponse: readListGroupsResponse,
};
