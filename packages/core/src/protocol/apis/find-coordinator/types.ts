/** FindCoordinator (key 10), batched form (v4+). */

/** KeyType: 0 = group (consumer/share groups), 1 = transaction, 2 = share (broker-internal). */
export const COORDINATOR_KEY_GROUP = 0;
export const COORDINATOR_KEY_TRANSACTION = 1;

export interface FindCoordinatorRequest {
  keyType: number;
  coordinatorKeys: string[];
}

export interface Coordinator {
  key: string;
  nodeId: number;
  host: string;
  port: number;
  errorCode: number;
  errorMessage: string | null;
}

export interface FindCoordinatorResponse {
  throttleTimeMs: number;
  coordinators: Coordinator[];
}
