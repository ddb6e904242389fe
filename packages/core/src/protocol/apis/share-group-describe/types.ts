/**
 * ShareGroupDescribe (key 77) request/response shapes, shared by versions v1.
 * Generated from the Kafka 4.4.0 message JSON; field names are the JSON names in camelCase.
 * A field missing from some of those versions (or tagged) is optional: encoders of versions without it
 * ignore it, decoders of those versions leave it out. int64 fields are JS numbers (exact below 2^53).
 */

export interface ShareGroupDescribeRequest {
  /** The ids of the groups to describe. */
  groupIds: string[];
  /** Whether to include authorized operations. */
  includeAuthorizedOperations: boolean;
}

export interface ShareGroupDescribeTopicPartitions {
  /** The topic ID. */
  topicId: string;
  /** The topic name. */
  topicName: string;
  /** The partitions. */
  partitions: number[];
}

export interface ShareGroupDescribeAssignment {
  /** The assigned topic-partitions to the member. */
  topicPartitions: ShareGroupDescribeTopicPartitions[];
}

export interface ShareGroupDescribeMember {
  /** The member ID. */
  memberId: string;
  /** The member rack ID. */
  rackId: string | null;
  /** The current member epoch. */
  memberEpoch: number;
  /** The client ID. */
  clientId: string;
  /** The client host. */
  clientHost: string;
  /** The subscribed topic names. */
  subscribedTopicNames: string[];
  /** The current assignment. */
  assignment: ShareGroupDescribeAssignment;
}

export interface ShareGroupDescribeDescribedGroup {
  /** The describe error, or 0 if there was no error. */
  errorCode: number;
  /** The top-level error message, or null if there was no error. */
  errorMessage: string | null;
  /** The group ID string. */
  groupId: string;
  /** The group state string, or the empty string. */
  groupState: string;
  /** The group epoch. */
  groupEpoch: number;
  /** The assignment epoch. */
  assignmentEpoch: number;
  /** The selected assignor. */
  assignorName: string;
  /** The members. */
  members: ShareGroupDescribeMember[];
  /** 32-bit bitfield to represent authorized operations for this group. */
  authorizedOperations: number;
}

export interface ShareGroupDescribeResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** Each described group. */
  groups: ShareGroupDescribeDescribedGroup[];
}
