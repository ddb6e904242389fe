// @ts-check
// Background DLQ actions: start with ?background=1, then follow GET /api/queues/:q/operations/:id until it ends.

/**
 * @typedef {import('../src/data/dead-operations.js').DeadOperation} DeadOperation
 */

/** @param {number} ms @returns {Promise<void>} */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * "Replaying: 3,000 of 10,000 copies written" — what a running operation says.
 * @param {DeadOperation} operation
 */
export function describeProgress(operation) {
  const verb = operation.action === 'replay' ? 'Replaying' : 'Discarding';
  const p = operation.progress;
  if (!p) return `${verb}…`;
  /** @param {number} x */
  const n = (x) => Number(x).toLocaleString('en-US');
  if (p.phase === 'producing') return `${verb}: ${n(p.done)} of ${n(p.total)} copies written…`;
  if (p.phase === 'claimed') return `${verb}: ${n(p.total)} dead job(s) claimed…`;
  return `${verb}: committing ${n(p.total)}…`;
}

/**
 * Runs a DLQ action in the background; onProgress(operation) while it runs; resolves to its result.
 * @param {(path: string, options?: { method?: string, body?: unknown }) => Promise<unknown>} api
 * @param {string} base
 * @param {'replay' | 'purge'} kind
 * @param {unknown} body
 * @param {(operation: DeadOperation) => void} onProgress
 * @returns {Promise<DeadOperation['result']>}
 */
export async function runInBackground(api, base, kind, body, onProgress) {
  let operation = /** @type {DeadOperation} */ (
    await api(`${base}/dead/${kind}?background=1`, { method: 'POST', body })
  );
  while (operation.state === 'running') {
    onProgress(operation);
    await sleep(500);
    operation = /** @type {DeadOperation} */ (
      await api(`${base}/operations/${encodeURIComponent(operation.id)}`)
    );
  }
  if (operation.state === 'failed') {
    // A failed operation always carries its error (data/dead-operations.ts).
    const error = /** @type {{ code: string, message: string }} */ (operation.error);
    throw new Error(`${error.code}: ${error.message}`);
  }
  return operation.result;
}
