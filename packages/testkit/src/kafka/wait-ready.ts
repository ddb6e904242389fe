import { setTimeout as sleep } from 'node:timers/promises';
import { TestkitError } from '../errors.js';
import type { ApiVersionsAnswer } from './api-versions-codec.js';
import { probeApiVersions } from './api-versions-probe.js';
import { missingShareApis, servesShareGroups } from './broker-info.js';
import { SHARE_FEATURE } from './constants.js';

const POLL_MS = 200;

export type ReadyOutcome =
  | { readonly ready: true; readonly answer: ApiVersionsAnswer }
  | { readonly ready: false };

/**
 * Polls ApiVersions until the broker really serves share groups (APIs 76–79 advertised and
 * share.version finalized at `shareLevel` or above: the level its storage was formatted with). Returns { ready: false } as soon as `exited` settles (the process died);
 * throws KAFKA_START_TIMEOUT / KAFKA_FEATURE_MISSING when the deadline passes.
 */
export async function waitUntilServing(
  host: string,
  port: number,
  exited: Promise<unknown>,
  timeoutMs: number,
  shareLevel: number,
): Promise<ReadyOutcome> {
  let dead = false;
  void exited.then(() => {
    dead = true;
  });
  const deadline = Date.now() + timeoutMs;
  let last: ApiVersionsAnswer | undefined;
  while (!dead) {
    try {
      last = await probeApiVersions(host, port, 2000);
      if (servesShareGroups(last, shareLevel)) return { ready: true, answer: last };
    } catch {
      // Not listening yet: keep polling until the deadline.
    }
    if (Date.now() >= deadline) break;
    await sleep(POLL_MS);
  }
  if (dead) return { ready: false };
  if (last === undefined) {
    throw new TestkitError(
      'KAFKA_START_TIMEOUT',
      `broker on ${host}:${port} did not answer within ${timeoutMs} ms`,
    );
  }
  throw new TestkitError(
    'KAFKA_FEATURE_MISSING',
    `broker on ${host}:${port} answers but does not serve share groups: missing API keys ` +
      `[${missingShareApis(last).join(', ')}], ${SHARE_FEATURE}=${last.finalizedFeatures[SHARE_FEATURE] ?? 'unset'}`,
  );
}
