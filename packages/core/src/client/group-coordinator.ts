/**
 * FindCoordinator for groups (KeyType 0, batched form v4+): which broker coordinates a share group.
 * COORDINATOR_NOT_AVAILABLE / COORDINATOR_LOAD_IN_PROGRESS right after a broker start are retried with
 * backoff until the deadline; anything else is thrown typed.
 */
import { TimeoutError } from '../errors.js';
import type { ApiFamily } from '../protocol/api.js';
import { COORDINATOR_KEY_GROUP, findCoordinatorApi } from '../protocol/apis/find-coordinator/index.js';
import type { Coordinator } from '../protocol/apis/find-coordinator/types.js';
import { backoffDelay, sleep } from './backoff.js';
import { brokerError, brokerErrorInfo } from './errors.js';

export type SendAny = <Req, Res>(api: ApiFamily<Req, Res>, req: Req, timeoutMs: number) => Promise<Res>;

export async function lookupGroupCoordinator(
  send: SendAny,
  groupId: string,
  deadline: number,
  backoff: { baseMs: number; maxMs: number },
): Promise<Coordinator> {
  for (let attempt = 1; ; attempt++) {
    const res = await send(
      findCoordinatorApi,
      { keyType: COORDINATOR_KEY_GROUP, coordinatorKeys: [groupId] },
      Math.max(1, deadline - Date.now()),
    );
    const found = res.coordinators.find((c) => c.key === groupId);
    if (!found) throw brokerError(-1, `FindCoordinator answered without group ${groupId}`);
    if (found.errorCode === 0) return found;
    const info = brokerErrorInfo(found.errorCode);
    if (!info.retriable)
      throw brokerError(found.errorCode, found.errorMessage ?? `coordinator of group ${groupId}`);
    const delay = backoffDelay(attempt, backoff.baseMs, backoff.maxMs);
    if (Date.now() + delay >= deadline) {
      throw new TimeoutError(
        `no coordinator for group ${groupId} before the deadline: last answer ${info.name}${found.errorMessage ? ` (${found.errorMessage})` : ''}`,
      );
    }
    await sleep(delay);
  }
}
