// @ts-check
// Live queue page: snapshots pushed over server-sent events (GET /api/queues/:q/stream) instead of polled,
// and the last hour's throughput per minute.
import { el, fmtNum, sparkBars } from './render.js';
import { section } from './views.js';

/** @typedef {import('../src/data/queue-snapshot.js').QueueSnapshot} QueueSnapshot */

/**
 * Opens the stream; onSnapshot gets each pushed QueueSnapshot. The browser reconnects on its own after a
 * drop (the server's `retry`); onState(false) says the feed is down meanwhile. Returns close().
 * @param {string} url
 * @param {(snapshot: QueueSnapshot) => void} onSnapshot
 * @param {(up: boolean) => void} onState
 * @returns {() => void}
 */
export function openLive(url, onSnapshot, onState) {
  const source = new EventSource(url);
  source.addEventListener('snapshot', (event) => {
    onState(true);
    onSnapshot(JSON.parse(event.data));
  });
  source.addEventListener('failure', () => onState(false));
  source.onerror = () => onState(false);
  return () => source.close();
}

/**
 * Completed and failed attempts per minute over the last hour (the events topic, bucketed by the server).
 * @param {QueueSnapshot} s
 */
export function throughputSection(s) {
  const series = s.rates?.series ?? [];
  const completed = series.reduce((sum, m) => sum + m.completed, 0);
  const failed = series.reduce((sum, m) => sum + m.failed, 0);
  return section(
    'Throughput, last hour',
    `${fmtNum(completed)} completed · ${fmtNum(failed)} failed attempts · per minute, oldest left`,
    series.length
      ? el(
          'div',
          { class: 'throughput', id: 'throughput' },
          sparkBars(
            series.map((m) => m.completed),
            'green',
          ),
          sparkBars(
            series.map((m) => m.failed),
            'red',
          ),
        )
      : el('p', { class: 'empty' }, 'No events topic.'),
    'throughput',
  );
}
