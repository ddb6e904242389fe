/**
 * Runs one admin call against a group's coordinator, finding it again when it moved.
 *
 * Admin responses carry errors in their bodies; each operation turns them into KafkaProtocolError
 * (brokerError) and this loop reads the flags: refreshCoordinator → invalidate and look up again,
 * retriable (e.g. COORDINATOR_LOAD_IN_PROGRESS right after a broker start) → back off and retry.
 * Anything else is the caller's answer.
 */
import type { Cluster } from '../../client/cluster.js';
import { isKafkaProtocolError } from '../../client/errors.js';

const MAX_ATTEMPTS = 6;
const BASE_BACKOFF_MS = 100;

export async function withCoordinator<T>(
  cluster: Cluster,
  groupId: string,
  call: (nodeId: number) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const nodeId = await cluster.findGroupCoordinator(groupId);
    try {
      return await call(nodeId);
    } catch (error) {
      if (!isKafkaProtocolError(error) || attempt >= MAX_ATTEMPTS) throw error;
      if (error.refreshCoordinator) cluster.invalidateCoordinator(groupId);
      else if (!error.retriable) throw error;
      await sleep(BASE_BACKOFF_MS * 2 ** (attempt - 1));
    }
  }
}

/** Same retry policy for calls that may go to any broker (configs, ListGroups). */
export async function withRetries<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isKafkaProtocolError(error) || !error.retriable || attempt >= MAX_ATTEMPTS) throw error;
      await sleep(BASE_BACKOFF_MS * 2 ** (attempt - 1));
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
