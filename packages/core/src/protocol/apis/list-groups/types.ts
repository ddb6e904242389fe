/**
 * ListGroups (key 16) request/response shapes, shared by versions v5.
 * Generated from the Kafka 4.4.0 message JSON; field names are the JSON names in camelCase.
 * A field missing from some of those versions (or tagged) is optional: encoders of versions without it
 * ignore it, decoders of those versions leave it out. int64 fields are JS numbers (exact below 2^53).
 */

export interface ListGroupsRequest {
  /** The states of the groups we want to list. If empty, all groups are returned with their state. */
  statesFilter: string[];
  /** The types of the groups we want to list. If empty, all groups are returned with their type. */
  typesFilter: string[];
}

export interface ListGroupsListedGroup {
  /** The group ID. */
  groupId: string;
  /** The group protocol type. */
  protocolType: string;
  /** The group state name. */
  groupState: string;
  /** The group type name. */
  groupType: string;
}

export interface ListGroupsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** Each group in the response. */
  groups: ListGroupsListedGroup[];
}
