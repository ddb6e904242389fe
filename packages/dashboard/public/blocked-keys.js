// @ts-check
// The queue page's blocked keys, for a key-ordered queue: each key whose head job runs or waits for its
// retry, and how many of the key's jobs wait behind it. Pure view from GET /api/queues/:q/blocked-keys
// (text only). A share-group queue has no such section (null).
import { badge, el, fmtAgo, fmtDuration, fmtNum, fmtTime, table } from './render.js';
import { section } from './views.js';

/**
 * data = { ordering: 'share' | 'key', keys: [...] }.
 * @param {import('../src/api/ordering-routes.js').BlockedKeysView | undefined} data
 * @param {number} now
 */
export function blockedKeysSection(data, now) {
  if (data?.ordering !== 'key') return null;
  return section(
    `Blocked keys (${data.keys.length})`,
    'Key-ordered queue: a key runs one job at a time, so the jobs behind a running or retrying job wait for it. Most waiting first.',
    table(
      ['Key', 'Blocked by job', 'State', 'Attempt', 'Waiting behind', 'Blocked for', 'Worker', 'Record'],
      data.keys.map((k) => [
        el('code', { class: 'blocked-key' }, k.key),
        k.jobId ? el('code', {}, k.jobId) : '–',
        k.state === 'retrying'
          ? badge('retrying', 'warn', k.retryAt ? `next attempt ${fmtTime(k.retryAt)}` : undefined)
          : badge('running', 'good'),
        String(k.attempt),
        fmtNum(k.waiting),
        el('span', { title: fmtTime(k.since) }, fmtDuration(Math.max(0, now - k.since))),
        el('code', {}, k.workerId),
        `${k.partition}@${k.offset}${k.retryAt ? ` · retry ${fmtAgo(k.retryAt, now)}` : ''}`,
      ]),
      { empty: 'No key is blocked.' },
    ),
    'blocked-keys',
  );
}
