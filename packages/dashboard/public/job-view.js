// @ts-check
// Job lookup: the form on a queue page and a job's timeline (GET /api/queues/:q/jobs/:id).
import { badge, el, fmtAgo, fmtTime, table } from './render.js';

/** @typedef {import('../src/api/job-routes.js').JobLookup} JobLookup */

/** @type {Record<string, string>} */
const STATE_TONE = {
  completed: 'good',
  dead: 'bad',
  active: 'blue',
  retrying: 'warn',
  delayed: 'violet',
  waiting: 'muted',
  unknown: 'muted',
};

/** @param {string} queue @param {string} id */
export const jobHref = (queue, id) => `#/queues/${encodeURIComponent(queue)}/jobs/${encodeURIComponent(id)}`;

/**
 * "Find a job": paste an id, open its timeline.
 * @param {string} queue
 */
export function jobLookupForm(queue) {
  const input = el('input', {
    type: 'search',
    id: 'job-lookup-id',
    placeholder: 'job id',
    'aria-label': 'find a job by id',
  });
  return el(
    'form',
    {
      class: 'job-lookup',
      onsubmit: (event) => {
        event.preventDefault();
        const id = input.value.trim();
        if (id) location.hash = jobHref(queue, id);
      },
    },
    input,
    el('button', { class: 'btn', type: 'submit', id: 'job-lookup-go' }, 'Find job'),
  );
}

/**
 * The timeline page: state, attempts (worker, outcome, error), then every event in time order.
 * @param {JobLookup} lookup
 * @param {number} [now]
 */
export function jobTimelineView(lookup, now = Date.now()) {
  const t = lookup.timeline;
  const attempts = t.attempts.map((a) => [
    `#${a.attempt}`,
    a.workerId ? el('code', {}, a.workerId) : '–',
    fmtTime(a.startedAt),
    badge(a.outcome, a.outcome === 'completed' ? 'good' : a.outcome === 'failed' ? 'bad' : 'blue'),
    a.durationMs !== undefined ? `${a.durationMs} ms` : '–',
    a.error ? el('span', { class: 'error-text' }, a.error, a.willRetry ? ' (retried)' : '') : '–',
  ]);
  const entries = t.entries.map((e) => [
    fmtTime(e.ts),
    el('span', { class: 'muted small' }, fmtAgo(e.ts, now)),
    badge(
      e.type,
      e.type === 'dead' || e.type === 'failed' ? 'bad' : e.type === 'completed' ? 'good' : 'muted',
    ),
    e.attempt !== undefined ? `#${e.attempt}` : '',
    e.workerId ? el('code', {}, e.workerId) : '',
    e.detail ?? '',
  ]);
  return el(
    'div',
    { class: 'job-timeline', id: 'job-timeline' },
    el(
      'div',
      { class: 'page-head' },
      el('h1', {}, t.name ?? 'Job'),
      el('span', { class: 'muted' }, 'job ', el('code', {}, t.jobId)),
      badge(t.state, STATE_TONE[t.state] ?? 'muted'),
      el('div', { class: 'spacer' }),
      el(
        'span',
        { class: 'muted small', title: 'index: recent jobs in memory; scan: read from the topics' },
        `from ${lookup.source}`,
      ),
    ),
    el(
      'section',
      { class: 'card' },
      el('h2', {}, `Attempts (${t.attempts.length})`),
      el('p', { class: 'muted small' }, `added ${fmtTime(t.addedAt)} (${fmtAgo(t.addedAt, now)})`),
      attempts.length
        ? table(['attempt', 'worker', 'started', 'outcome', 'took', 'error'], attempts)
        : el('p', { class: 'empty' }, 'Not started yet.'),
    ),
    el(
      'section',
      { class: 'card' },
      el('h2', {}, 'Timeline'),
      table(['time', '', 'event', 'attempt', 'worker', 'detail'], entries, { class: 'job-entries' }),
    ),
  );
}
