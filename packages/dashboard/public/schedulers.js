// @ts-check
// The queue page's control panel: paused/running with a pause/resume button, and the job schedulers
// with their next run and last fired job. Pure view from GET /api/queues/:q/schedulers (text only).
import { badge, el, fmtAgo, fmtTime, table } from './render.js';
import { section } from './views.js';

/** @typedef {import('../src/api/control-routes.js').QueueControlView} QueueControlView */

/** @param {QueueControlView['schedulers'][number]['repeat']} repeat */
function repeatText(repeat) {
  const base = 'every' in repeat ? `every ${repeat.every} ms` : `cron "${repeat.pattern}" (${repeat.tz})`;
  return repeat.limit === undefined ? base : `${base}, limit ${repeat.limit}`;
}

/**
 * data = { paused, pausedAt?, schedulers }; actions = { readOnly, onPause, onResume }.
 * @param {QueueControlView} data
 * @param {{ readOnly: boolean, onPause: () => void, onResume: () => void }} actions
 * @param {number} now
 */
export function controlSection(data, actions, now) {
  const state = data.paused
    ? badge('paused', 'bad', data.pausedAt ? `since ${fmtTime(data.pausedAt)}` : undefined)
    : badge('running', 'good');
  const button = actions.readOnly
    ? null
    : el(
        'button',
        {
          class: `btn btn-small ${data.paused ? 'btn-primary' : ''}`,
          type: 'button',
          id: data.paused ? 'queue-resume' : 'queue-pause',
          onclick: data.paused ? actions.onResume : actions.onPause,
        },
        data.paused ? 'Resume queue' : 'Pause queue',
      );
  const rows = data.schedulers.map((s) => [
    el('code', {}, s.id),
    repeatText(s.repeat),
    s.template.name,
    s.next === undefined
      ? el('span', { class: 'muted' }, 'finished')
      : el('span', { class: 'nowrap' }, fmtTime(s.next)),
    String(s.count),
    s.lastFired
      ? el(
          'span',
          {},
          el('code', {}, s.lastFired.jobId),
          ' ',
          el('span', { class: 'muted small' }, fmtAgo(s.lastFired.at, now)),
        )
      : el('span', { class: 'muted' }, '—'),
  ]);
  return section(
    `Schedulers (${data.schedulers.length})`,
    'Queue state and job schedulers, from the control and schedulers topics.',
    el(
      'div',
      {},
      el('div', { class: 'toolbar', id: 'queue-state' }, el('span', {}, 'Queue: '), state, button),
      table(['Scheduler', 'Repeat', 'Job name', 'Next run', 'Fired', 'Last job'], rows, {
        empty: 'No job schedulers. Add one with queue.upsertJobScheduler() or `sharq schedule add`.',
      }),
    ),
    'schedulers',
  );
}
