// @ts-check
// Views: pure functions from API data to DOM (via render.js — text only, never HTML).
import {
  badge,
  el,
  fmtAgo,
  fmtDuration,
  fmtNum,
  fmtRate,
  fmtTime,
  prettyJson,
  sparkBars,
  table,
} from './render.js';

/**
 * @typedef {import('./render.js').Child} Child
 * @typedef {import('./render.js').Row} Row
 * @typedef {import('../src/api/overview.js').QueueSummary} QueueSummary
 * @typedef {import('../src/data/queue-snapshot.js').QueueSnapshot} QueueSnapshot
 * @typedef {import('../src/api/queue-routes.js').DeadJobPage} DeadJobPage
 * @typedef {import('../src/data/dead-job-view.js').DeadJobDetail} DeadJobDetail
 */

/** @param {string} name */
const queueHref = (name) => `#/queues/${encodeURIComponent(name)}`;
/** @param {string} queue @param {string} id */
const deadHref = (queue, id) => `${queueHref(queue)}/dead/${encodeURIComponent(id)}`;

/**
 * @param {string} label
 * @param {string} value
 * @param {string} tone
 * @param {Child} [extra]
 */
function tile(label, value, tone, extra) {
  return el(
    'div',
    { class: `tile tile-${tone}` },
    el('div', { class: 'tile-label' }, label),
    el('div', { class: 'tile-value' }, value),
    extra ?? null,
  );
}

// ---------- login ----------

/**
 * @param {(token: string) => void} onSubmit
 * @param {string} [error]
 */
export function loginView(onSubmit, error) {
  const input = el('input', {
    type: 'password',
    name: 'token',
    id: 'token',
    autocomplete: 'current-password',
    placeholder: 'dashboard token',
    required: true,
  });
  const form = el(
    'form',
    {
      class: 'card login',
      onsubmit: (event) => {
        event.preventDefault();
        onSubmit(input.value);
      },
    },
    el('h1', {}, 'Sign in'),
    el(
      'p',
      { class: 'muted' },
      'This dashboard is protected by a token. `sharq dashboard` prints it (and a link that signs you in).',
    ),
    el('label', { for: 'token' }, 'Token'),
    input,
    error ? el('p', { class: 'error-text' }, error) : null,
    el('button', { class: 'btn btn-primary', type: 'submit' }, 'Sign in'),
  );
  setTimeout(() => input.focus(), 0);
  return form;
}

// ---------- overview ----------

/**
 * @param {{ queues: QueueSummary[] }} data
 * @param {number} total
 */
export function overviewView(data, total) {
  if (total === 0) {
    return el(
      'div',
      { class: 'card' },
      el('h2', {}, 'No queues yet'),
      el(
        'p',
        { class: 'muted' },
        'Queues appear here once a worker or producer has created them (share groups named sharq.<queue>).',
      ),
    );
  }
  if (data.queues.length === 0) return el('p', { class: 'empty' }, 'No queue matches the filter.');
  return el('div', { class: 'queue-grid' }, data.queues.map(queueCard));
}

/** @param {QueueSummary} q */
function queueCard(q) {
  if (q.error) {
    return el(
      'a',
      { class: 'card queue-card queue-card-error', href: queueHref(q.name) },
      el('h2', {}, q.name),
      el('p', { class: 'error-text' }, `${q.error.code}: ${q.error.message}`),
    );
  }
  const c = q.counts;
  return el(
    'a',
    { class: 'card queue-card', href: queueHref(q.name), 'data-queue': q.name },
    el(
      'div',
      { class: 'queue-card-head' },
      el('h2', {}, q.name),
      q.stuck > 0 ? badge(`${q.stuck} stuck`, 'warn') : null,
      c.dead > 0 ? badge(`${fmtNum(c.dead)} dead`, 'bad') : null,
    ),
    el(
      'div',
      { class: 'mini-stats' },
      mini('waiting', fmtNum(c.waiting)),
      mini('active', fmtNum(c.active)),
      mini('delayed', fmtNum(c.delayed)),
      mini('dead', fmtNum(c.dead)),
      mini('done/min', fmtRate(q.completedPerMin)),
      mini('failed/min', fmtRate(q.failedPerMin)),
    ),
    el(
      'div',
      { class: 'muted small' },
      `${q.workers.live} worker(s) live`,
      q.workers.gone > 0 ? `, ${q.workers.gone} gone` : '',
      ` · ${q.partitions} partition(s)`,
    ),
  );
}

/** @param {string} label @param {string} value */
const mini = (label, value) => el('div', { class: 'mini' }, el('b', {}, value), el('span', {}, label));

// ---------- queue page sections ----------

/** @param {QueueSnapshot} s */
export function statTiles(s) {
  const series = s.rates?.series ?? [];
  const window = s.rates ? `last ${s.rates.windowMinutes} min` : 'no events topic';
  return el(
    'div',
    { class: 'tiles' },
    tile(
      'Waiting',
      fmtNum(s.counts.waiting),
      'blue',
      el('div', { class: 'tile-sub' }, 'share-group lag, not held'),
    ),
    tile(
      'Active',
      fmtNum(s.counts.active),
      'amber',
      el('div', { class: 'tile-sub' }, 'held by live workers'),
    ),
    tile('Delayed', fmtNum(s.counts.delayed), 'violet', el('div', { class: 'tile-sub' }, 'in delay buckets')),
    tile('Dead', fmtNum(s.counts.dead), 'red', el('div', { class: 'tile-sub' }, 'in the DLQ')),
    tile(
      'Completed / min',
      fmtRate(s.rates?.completedPerMin),
      'green',
      el(
        'div',
        {},
        sparkBars(
          series.map((m) => m.completed),
          'green',
        ),
        el('div', { class: 'tile-sub' }, window),
      ),
    ),
    tile(
      'Failed / min',
      fmtRate(s.rates?.failedPerMin),
      'red',
      el(
        'div',
        {},
        sparkBars(
          series.map((m) => m.failed),
          'red',
        ),
        el('div', { class: 'tile-sub' }, s.rates ? `attempts · ${window}` : window),
      ),
    ),
  );
}

/** @param {QueueSnapshot} s */
export function partitionsSection(s) {
  return section(
    'Partitions',
    'SPSO: every offset below it is settled. Lag: records at or above it not settled yet.',
    table(
      ['Partition', 'SPSO', 'End', 'Lag'],
      s.partitions.map((p) => [
        String(p.partition),
        fmtNum(p.startOffset),
        fmtNum(p.endOffset),
        fmtNum(p.lag),
      ]),
      { empty: 'No partition offsets yet (no worker has joined the share group).', class: 'num-cols' },
    ),
  );
}

const GONE_SHOWN = 5;

/** @param {QueueSnapshot} s @param {number} now */
export function workersSection(s, now) {
  const live = s.workers.filter((w) => w.state === 'live');
  const gone = s.workers.filter((w) => w.state === 'gone');
  const shown = [...live, ...gone.slice(0, GONE_SHOWN)];
  const rows = shown.map((w) => {
    /** @type {Row} */
    const row = [
      el('code', {}, w.workerId),
      el('span', { class: 'nowrap' }, `${w.host} / ${w.pid}`),
      `${w.jobs.length} / ${w.concurrency}`,
      el('span', { class: 'nowrap' }, fmtAgo(w.heartbeatAt, now)),
      w.state === 'live'
        ? badge('live', 'good')
        : el('span', {}, badge('gone', 'bad'), ' ', el('span', { class: 'muted small' }, w.note ?? '')),
    ];
    if (w.state === 'gone') row.rowClass = 'row-gone';
    return row;
  });
  if (gone.length > GONE_SHOWN) {
    /** @type {Row} */
    const more = [
      '',
      '',
      '',
      '',
      el('span', { class: 'muted small' }, `… and ${gone.length - GONE_SHOWN} more gone`),
    ];
    more.rowClass = 'row-gone';
    rows.push(more);
  }
  return section(
    `Workers (${live.length} live${gone.length ? `, ${gone.length} gone` : ''})`,
    'From the presence topic. A worker that misses 3 heartbeats is shown as gone.',
    table(['Worker', 'Host / pid', 'Jobs held', 'Last heartbeat', 'State'], rows, {
      empty: 'No workers are running for this queue.',
    }),
    'workers',
  );
}

/** @type {Record<string, [string, string]>} */
const REASON_TEXT = {
  'held-long': ['held long', 'warn'],
  redelivered: ['redelivered', 'bad'],
  'worker-gone': ['worker gone', 'bad'],
};

/** @param {QueueSnapshot} s @param {number} now */
export function stuckSection(s, now) {
  return section(
    `Stuck jobs (${s.stuck.length})`,
    `Held longer than ${fmtDuration(s.stuckAfterMs)}, or delivered 2+ times, or held by a gone worker (it returns when its lock expires).`,
    table(
      ['Job', 'Name', 'Worker', 'Since', 'Held for', 'Deliveries', 'Lock expires', 'Why'],
      s.stuck.map((j) => [
        el('code', {}, j.jobId),
        j.name,
        el(
          'span',
          {},
          el('code', {}, j.workerId),
          j.workerGone ? el('span', {}, ' ', badge('gone', 'bad')) : null,
        ),
        fmtTime(j.since),
        fmtDuration(j.heldMs),
        String(j.deliveryCount),
        j.lockExpiresAt ? fmtAgo(j.lockExpiresAt, now) : '–',
        el(
          'span',
          { class: 'badges' },
          j.reasons.map((r) => badge(...(REASON_TEXT[r] ?? [r, 'muted']))),
        ),
      ]),
      { empty: 'No stuck jobs.' },
    ),
    'stuck',
  );
}

/** @type {Record<string, string>} */
const ACTIVITY_TONE = { completed: 'good', failed: 'warn', dead: 'bad', active: 'blue', delayed: 'violet' };

/** @param {QueueSnapshot} s @param {number} now */
export function activitySection(s, now) {
  return section(
    'Recent activity',
    'From the queue\u2019s events topic.',
    s.activity.length === 0
      ? el('p', { class: 'muted' }, s.rates ? 'No events yet.' : 'This queue has no events topic.')
      : el(
          'ul',
          { class: 'activity' },
          s.activity.map((a) =>
            el(
              'li',
              { 'data-type': a.type, 'data-job': a.jobId },
              badge(a.type, ACTIVITY_TONE[a.type] ?? 'muted'),
              el('code', {}, a.jobId),
              a.name ? el('span', { class: 'muted' }, a.name) : null,
              a.detail ? el('span', { class: 'activity-detail' }, a.detail) : null,
              el('span', { class: 'muted small push' }, fmtAgo(a.ts, now)),
            ),
          ),
        ),
    'activity',
  );
}

/**
 * @param {string} title
 * @param {string} hint
 * @param {Child} body
 * @param {string} [id]
 */
export function section(title, hint, body, id) {
  return el(
    'section',
    { class: 'card', id: id ? `section-${id}` : undefined },
    el(
      'div',
      { class: 'section-head' },
      el('h2', {}, title),
      hint ? el('span', { class: 'muted small' }, hint) : null,
    ),
    body,
  );
}

// ---------- dead jobs ----------

/**
 * @param {string} queue
 * @param {DeadJobPage} page
 * @param {Set<string>} selected
 * @param {(id: string, on: boolean) => void} onToggle
 * @param {boolean} readOnly
 */
export function deadRows(queue, page, selected, onToggle, readOnly) {
  const headers = [
    readOnly
      ? null
      : el('input', {
          type: 'checkbox',
          'aria-label': 'select all on this page',
          checked: page.jobs.length > 0 && page.jobs.every((j) => selected.has(j.id)),
          onchange: (e) => {
            for (const j of page.jobs) onToggle(j.id, /** @type {HTMLInputElement} */ (e.target).checked);
          },
        }),
    'Dead id',
    'Job',
    'Name',
    'Reason',
    'By',
    'Attempts',
    'Died',
    'Error',
  ].filter((h) => h !== null);
  return table(
    headers,
    page.jobs.map((j) => {
      /** @type {Row} */
      const cells = [
        el('a', { href: deadHref(queue, j.id), class: 'mono' }, j.id),
        el('code', {}, j.jobId ?? '–'),
        j.name ?? '–',
        badge(j.reason, j.reason === 'failed' ? 'warn' : 'bad'),
        j.by,
        j.attempts === undefined ? '–' : String(j.attempts),
        el('span', { title: fmtTime(j.failedAt) }, fmtAgo(j.failedAt)),
        el('span', { class: 'error-cell', title: j.error }, j.error),
      ];
      if (!readOnly) {
        cells.unshift(
          el('input', {
            type: 'checkbox',
            'aria-label': `select ${j.id}`,
            checked: selected.has(j.id),
            onchange: (e) => onToggle(j.id, /** @type {HTMLInputElement} */ (e.target).checked),
          }),
        );
      }
      cells.rowClass = 'dead-row';
      return cells;
    }),
    { empty: 'No dead jobs match.', class: 'dead-table' },
  );
}

/**
 * @param {DeadJobDetail} job
 * @param {{ readOnly: boolean, replay: () => void, discard: () => void }} actions
 */
export function deadDetailView(job, actions) {
  /** @type {[string, Child][]} */
  const facts = [
    ['Dead id', el('code', {}, job.id)],
    ['Job id', el('code', {}, job.jobId ?? '–')],
    ['Name', job.name ?? '–'],
    ['Reason', badge(job.reason, 'bad')],
    [
      'Dead-lettered by',
      job.by === 'worker'
        ? el('span', {}, 'worker ', el('code', {}, job.workerId ?? '?'))
        : 'the broker (KIP-1191 DLQ)',
    ],
    ['Attempts', `${job.attempts ?? '–'}${job.attemptsAllowed ? ` of ${job.attemptsAllowed}` : ''}`],
    ['Added', fmtTime(job.addedAt)],
    ['Died', `${fmtTime(job.failedAt)} (${fmtAgo(job.failedAt)})`],
    [
      'Origin',
      `${job.original.topic || '?'} [${job.original.partition}] @ ${job.original.offset}${job.original.deliveryCount ? `, delivery ${job.original.deliveryCount}` : ''}`,
    ],
    ['DLQ record', `${job.dlq.topic} [${job.dlq.partition}] @ ${job.dlq.offset}`],
    ['State', badge(job.state, job.state === 'dead' ? 'bad' : 'good')],
  ];
  return el(
    'div',
    { class: 'dead-detail' },
    el(
      'div',
      { class: 'page-head' },
      el('h1', {}, job.name ?? 'Dead job'),
      el('span', { class: 'muted' }, 'job ', el('code', {}, job.jobId ?? job.id)),
      el('div', { class: 'spacer' }),
      actions.readOnly
        ? null
        : el(
            'div',
            { class: 'actions' },
            el(
              'button',
              {
                class: 'btn btn-primary',
                type: 'button',
                id: 'replay-one',
                onclick: actions.replay,
                disabled: job.state !== 'dead',
              },
              'Replay',
            ),
            el(
              'button',
              { class: 'btn btn-danger', type: 'button', id: 'discard-one', onclick: actions.discard },
              'Discard',
            ),
          ),
    ),
    el(
      'div',
      { class: 'detail-grid' },
      el(
        'section',
        { class: 'card' },
        el('h2', {}, 'Facts'),
        el(
          'dl',
          { class: 'facts' },
          facts.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]),
        ),
      ),
      el(
        'section',
        { class: 'card' },
        el('h2', {}, 'Error'),
        el(
          'p',
          { class: 'error-message' },
          job.errorDetail.name ? `${job.errorDetail.name}: ` : '',
          job.errorDetail.message || '(no message)',
        ),
        job.errorDetail.stack
          ? el('pre', { class: 'code stack' }, job.errorDetail.stack)
          : el('p', { class: 'muted' }, 'No stack trace.'),
      ),
    ),
    el(
      'section',
      { class: 'card' },
      el('h2', {}, 'Data'),
      job.decodeError ? el('p', { class: 'muted' }, `Not a Sharq job envelope: ${job.decodeError}`) : null,
      el(
        'pre',
        { class: 'code', id: 'job-data' },
        job.rawValue !== undefined ? job.rawValue : prettyJson(job.data),
      ),
    ),
    el(
      'section',
      { class: 'card' },
      el('h2', {}, 'Options'),
      el('pre', { class: 'code' }, prettyJson(job.options)),
      job.replay
        ? [el('h2', {}, 'Replayed before'), el('pre', { class: 'code' }, prettyJson(job.replay))]
        : null,
    ),
  );
}
