// @ts-check
// The dashboard page: hash routes, polling, actions. Plain DOM, no build step.
import { jobLookupForm, jobTimelineView } from './job-view.js';
import { openLive, throughputSection } from './live.js';
import { describeProgress, runInBackground } from './operations.js';
import { el, replace } from './render.js';
import { blockedKeysSection } from './blocked-keys.js';
import { controlSection } from './schedulers.js';
import {
  activitySection,
  deadDetailView,
  deadRows,
  loginView,
  overviewView,
  partitionsSection,
  statTiles,
  stuckSection,
  workersSection,
} from './views.js';

/**
 * @typedef {import('@sharq/core').ReplayResult} ReplayResult
 * @typedef {import('@sharq/core').PurgeResult} PurgeResult
 * @typedef {import('../src/api/session-routes.js').SessionView} SessionView
 * @typedef {import('../src/api/overview.js').QueueSummary} QueueSummary
 * @typedef {import('../src/api/queue-routes.js').DeadJobPage} DeadJobPage
 * @typedef {import('../src/api/job-routes.js').JobLookup} JobLookup
 * @typedef {import('../src/api/control-routes.js').QueueControlView} QueueControlView
 * @typedef {import('../src/api/ordering-routes.js').BlockedKeysView} BlockedKeysView
 * @typedef {import('../src/data/queue-snapshot.js').QueueSnapshot} QueueSnapshot
 * @typedef {import('../src/data/dead-job-view.js').DeadJobDetail} DeadJobDetail
 * @typedef {{ name: 'overview' | 'queue' | 'dead' | 'job', queue?: string, id?: string }} Route
 */

/** The page's elements (index.html) are all there, so a lookup by id never comes back null. */
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const main = $('main');
/** @type {Omit<SessionView, 'stuckAfterMs'>} */
let session = {
  authRequired: false,
  authenticated: false,
  readOnly: true,
  refreshMs: 2000,
  deadReasons: [],
};
/** @type {Route} */
let route = { name: 'overview' };
/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer;
let generation = 0;

// ---------- API ----------

class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * The JSON answer, unchecked: each caller says which API type it reads.
 * @param {string} path
 * @param {{ method?: string, body?: unknown }} [options]
 * @returns {Promise<unknown>}
 */
async function api(path, options = {}) {
  const method = options.method ?? 'GET';
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && session.csrf) headers['x-sharq-csrf'] = session.csrf;
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    throw new ApiError(
      0,
      'NETWORK',
      `cannot reach the dashboard server (${/** @type {Error} */ (error).message})`,
    );
  }
  let payload;
  try {
    payload = await res.json();
  } catch {
    payload = undefined;
  }
  if (!res.ok) {
    throw new ApiError(
      res.status,
      payload?.error?.code ?? `HTTP_${res.status}`,
      payload?.error?.message ?? `HTTP ${res.status}`,
    );
  }
  return payload;
}

// ---------- banners ----------

/** @param {unknown} error */
function showError(error) {
  if (error instanceof ApiError && error.status === 401) {
    session.authenticated = false;
    renderLogin();
    return;
  }
  $('banner-text').textContent =
    error instanceof ApiError
      ? `${error.code}: ${error.message}`
      : String(/** @type {Error | undefined} */ (error)?.message ?? error);
  $('banner').hidden = false;
  setLive(false);
}

function clearError() {
  $('banner').hidden = true;
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let noticeTimer;
/** @param {string} text */
function notice(text) {
  $('notice').textContent = text;
  $('notice').hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => ($('notice').hidden = true), 6000);
}

/** @param {boolean} ok */
function setLive(ok) {
  $('live').hidden = false;
  $('live').classList.toggle('live-off', !ok);
  $('live-text').textContent = ok ? `live · ${new Date().toLocaleTimeString()}` : 'not updating';
}

// ---------- confirmation ----------

/**
 * @param {{ title: string, text: string, items?: string[], ok?: string, danger?: boolean }} what
 * @returns {Promise<boolean>}
 */
function confirmAction({ title, text, items = [], ok = 'Confirm', danger = false }) {
  const dialog = /** @type {HTMLDialogElement} */ ($('confirm'));
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  replace(
    $('confirm-list'),
    items.slice(0, 8).map((i) => el('li', {}, i)),
    items.length > 8 ? el('li', {}, `… and ${items.length - 8} more`) : null,
  );
  $('confirm-ok').textContent = ok;
  $('confirm-ok').className = danger ? 'btn btn-danger' : 'btn btn-primary';
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
  });
}

// ---------- routing ----------

/** @returns {Route} */
function parseRoute() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'queues' && parts[1]) {
    if (parts[2] === 'dead' && parts[3]) return { name: 'dead', queue: parts[1], id: parts[3] };
    if (parts[2] === 'jobs' && parts[3]) return { name: 'job', queue: parts[1], id: parts[3] };
    return { name: 'queue', queue: parts[1] };
  }
  return { name: 'overview' };
}

function crumbs() {
  /** @type {HTMLElement[]} */
  const items = [el('a', { href: '#/' }, 'Queues')];
  if (route.queue)
    items.push(
      el('span', { class: 'sep' }, '/'),
      el('a', { href: `#/queues/${encodeURIComponent(route.queue)}` }, route.queue),
    );
  if (route.name === 'dead')
    items.push(el('span', { class: 'sep' }, '/'), el('span', {}, `dead ${route.id}`));
  if (route.name === 'job') items.push(el('span', { class: 'sep' }, '/'), el('span', {}, `job ${route.id}`));
  replace($('crumbs'), items);
}

function navigate() {
  route = parseRoute();
  generation++;
  clearTimeout(timer);
  crumbs();
  clearError();
  if (session.authRequired && !session.authenticated) return renderLogin();
  if (route.name === 'overview') mountOverview();
  // parseRoute gives every queue route its queue, and the job and dead routes their id.
  else if (route.name === 'queue') mountQueue(/** @type {string} */ (route.queue));
  else if (route.name === 'job')
    mountJob(/** @type {string} */ (route.queue), /** @type {string} */ (route.id));
  else mountDead(/** @type {string} */ (route.queue), /** @type {string} */ (route.id));
}

/** @param {(mine: number) => Promise<unknown>} fn */
function poll(fn) {
  const mine = generation;
  // Sequential: the next round starts refreshMs after the previous one ended, so a slow broker never piles up requests.
  const tick = async () => {
    if (mine !== generation) return;
    if (!document.hidden) {
      try {
        await fn(mine);
        if (mine === generation) {
          clearError();
          setLive(true);
        }
      } catch (error) {
        if (mine === generation) showError(error);
      }
    }
    if (mine === generation) timer = setTimeout(tick, session.refreshMs ?? 2000);
  };
  tick();
}

// ---------- overview ----------

function mountOverview() {
  /** @type {{ queues: QueueSummary[] } | undefined} */
  let last;
  const search = el('input', {
    type: 'search',
    id: 'queue-search',
    placeholder: 'filter queues',
    'aria-label': 'filter queues by name',
    oninput: () => last && render(),
  });
  const body = el('div', {}, el('p', { class: 'empty' }, 'Loading queues…'));
  const render = () => {
    if (!last) return;
    const needle = search.value.trim().toLowerCase();
    const queues = needle ? last.queues.filter((q) => q.name.toLowerCase().includes(needle)) : last.queues;
    replace(body, overviewView({ queues }, last.queues.length));
  };
  replace(
    main,
    el(
      'div',
      { class: 'page-head' },
      el('h1', {}, 'Queues'),
      el('span', { class: 'muted', id: 'queue-count' }),
      el('div', { class: 'spacer' }),
      search,
    ),
    body,
  );
  poll(async (mine) => {
    const data = /** @type {{ queues: QueueSummary[] }} */ (await api('/api/queues'));
    if (mine !== generation) return;
    last = data;
    $('queue-count').textContent = `${data.queues.length} queue(s)`;
    render();
  });
}

/**
 * In place of a page that cannot exist (unknown queue, dead job gone): say so, link back.
 * @param {unknown} error
 * @param {string} backHref
 * @param {string} backText
 */
function errorCard(error, backHref, backText) {
  generation++;
  clearTimeout(timer);
  clearError();
  $('live').hidden = true;
  replace(
    main,
    el(
      'div',
      { class: 'card not-found' },
      el('h1', {}, error instanceof ApiError && error.status === 404 ? 'Not found' : 'Cannot load this page'),
      el(
        'p',
        { class: 'error-text' },
        error instanceof ApiError
          ? `${error.code}: ${error.message}`
          : String(/** @type {Error | undefined} */ (error)?.message ?? error),
      ),
      el('a', { href: backHref, class: 'btn' }, backText),
    ),
  );
}

// ---------- queue page ----------

/** @param {string} queue */
function mountQueue(queue) {
  const base = `/api/queues/${encodeURIComponent(queue)}`;
  /**
   * @type {{ page: number, limit: number, filter: { text?: string, name?: string, reason?: string },
   *   selected: Set<string>, lastPage: DeadJobPage | undefined }}
   */
  const state = { page: 1, limit: 20, filter: {}, selected: new Set(), lastPage: undefined };
  const parts = {
    title: el(
      'div',
      { class: 'page-head' },
      el('h1', {}, queue),
      el('span', { class: 'muted', id: 'updated' }, ''),
      el('div', { class: 'spacer' }),
      jobLookupForm(queue),
    ),
    tiles: el('div', {}),
    throughput: el('div', {}),
    partitions: el('div', {}),
    workers: el('div', {}),
    stuck: el('div', {}),
    blocked: el('div', {}),
    control: el('div', {}),
    dead: el('div', {}),
    pager: el('div', { class: 'pager' }),
    activity: el('div', {}),
  };

  const text = el('input', {
    type: 'search',
    placeholder: 'search id, name, error, data',
    'aria-label': 'search dead jobs',
    id: 'dead-text',
  });
  const name = el('input', {
    type: 'text',
    placeholder: 'job name',
    'aria-label': 'job name',
    id: 'dead-name',
  });
  const reason = el(
    'select',
    { 'aria-label': 'reason', id: 'dead-reason' },
    el('option', { value: '' }, 'any reason'),
    // The API's own list (GET /api/session), so the filter offers exactly what the API accepts.
    session.deadReasons.map((r) => el('option', { value: r }, r)),
  );
  /** @param {Event} [event] */
  const applyFilter = (event) => {
    event?.preventDefault();
    state.filter = {};
    if (text.value.trim()) state.filter.text = text.value.trim();
    if (name.value.trim()) state.filter.name = name.value.trim();
    if (reason.value) state.filter.reason = reason.value;
    state.page = 1;
    state.selected.clear();
    refreshDead().catch(showError);
  };
  const filterForm = el(
    'form',
    { class: 'filters', onsubmit: applyFilter },
    text,
    name,
    reason,
    el('button', { class: 'btn', type: 'submit' }, 'Filter'),
  );

  /**
   * @param {'replay' | 'purge'} kind
   * @param {'selected' | 'matching'} how
   */
  const act = async (kind, how) => {
    const verb = kind === 'replay' ? 'Replay' : 'Discard';
    /** @type {unknown} */
    let body;
    /** @type {string[]} */
    let items = [];
    let what;
    if (how === 'selected') {
      const ids = [...state.selected];
      if (ids.length === 0) return notice('Select dead jobs first.');
      body = { ids };
      items = ids;
      what = `${ids.length} selected dead job(s)`;
    } else {
      const total = state.lastPage?.total ?? 0;
      const hasFilter = Object.keys(state.filter).length > 0;
      body = hasFilter ? { filter: state.filter } : { all: true };
      what = hasFilter
        ? `all ${total} dead job(s) matching the filter`
        : `ALL ${total} dead job(s) of ${queue}`;
      items = Object.entries(state.filter).map(([k, v]) => `${k} = ${v}`);
    }
    const ok = await confirmAction({
      title: `${verb} ${what}?`,
      text:
        kind === 'replay'
          ? 'Each job goes back on the queue with its attempts reset. A worker will pick it up.'
          : 'The dead jobs are deleted for good. This cannot be undone.',
      items,
      ok: verb,
      danger: kind === 'purge',
    });
    if (!ok) return;
    try {
      // "All matching" may be thousands of jobs: it runs in the background and the notice shows progress.
      const result = /** @type {ReplayResult & PurgeResult} */ (
        how === 'selected'
          ? await api(`${base}/dead/${kind}`, { method: 'POST', body })
          : await runInBackground(api, base, kind, body, (operation) => notice(describeProgress(operation)))
      );
      state.selected.clear();
      notice(
        kind === 'replay'
          ? `Replayed ${result.replayed.length} job(s)${result.skipped.length ? `; skipped ${result.skipped.length}: ${result.skipped.map((s) => `${s.id} (${s.reason})`).join(', ')}` : ''}.`
          : `Discarded ${result.purged} dead job(s).`,
      );
      await Promise.all([refreshDead(), refreshSnapshot()]);
    } catch (error) {
      showError(error);
    }
  };
  const actionBar = session.readOnly
    ? el('div', { class: 'muted small' }, 'Read-only dashboard: replay and discard are disabled.')
    : el(
        'div',
        { class: 'actions' },
        el(
          'button',
          {
            class: 'btn btn-primary',
            type: 'button',
            id: 'replay-selected',
            onclick: () => act('replay', 'selected'),
          },
          'Replay selected',
        ),
        el(
          'button',
          { class: 'btn', type: 'button', id: 'replay-matching', onclick: () => act('replay', 'matching') },
          'Replay all matching',
        ),
        el(
          'button',
          {
            class: 'btn btn-danger-ghost',
            type: 'button',
            id: 'discard-selected',
            onclick: () => act('purge', 'selected'),
          },
          'Discard selected',
        ),
        el(
          'button',
          {
            class: 'btn btn-danger-ghost',
            type: 'button',
            id: 'discard-matching',
            onclick: () => act('purge', 'matching'),
          },
          'Discard all matching',
        ),
      );

  replace(
    main,
    parts.title,
    parts.tiles,
    parts.throughput,
    el('div', { class: 'two-col' }, parts.workers, parts.partitions),
    parts.control,
    parts.blocked,
    parts.stuck,
    el(
      'section',
      { class: 'card', id: 'section-dead' },
      el(
        'div',
        { class: 'section-head' },
        el('h2', { id: 'dead-title' }, 'Dead jobs'),
        el('span', { class: 'muted small' }, 'newest first'),
      ),
      el('div', { class: 'toolbar' }, filterForm, actionBar),
      parts.dead,
      parts.pager,
    ),
    parts.activity,
  );

  /** @type {(id: string, on: boolean) => void} */
  const toggle = (id, on) => {
    if (on) state.selected.add(id);
    else state.selected.delete(id);
    renderDead();
  };
  const renderDead = () => {
    const page = state.lastPage;
    if (!page) return;
    $('dead-title').textContent = `Dead jobs (${page.total})`;
    replace(parts.dead, deadRows(queue, page, state.selected, toggle, session.readOnly));
    const pages = Math.max(1, Math.ceil(page.total / state.limit));
    replace(
      parts.pager,
      el(
        'button',
        {
          class: 'btn btn-small',
          type: 'button',
          disabled: state.page <= 1,
          onclick: () => {
            state.page--;
            refreshDead().catch(showError);
          },
        },
        '‹ Newer',
      ),
      el(
        'span',
        { class: 'muted small' },
        `page ${state.page} of ${pages}`,
        state.selected.size ? ` · ${state.selected.size} selected` : '',
      ),
      el(
        'button',
        {
          class: 'btn btn-small',
          type: 'button',
          disabled: state.page >= pages,
          onclick: () => {
            state.page++;
            refreshDead().catch(showError);
          },
        },
        'Older ›',
      ),
    );
  };
  const refreshDead = async () => {
    const q = new URLSearchParams({ page: String(state.page), limit: String(state.limit), ...state.filter });
    const mine = generation;
    const page = /** @type {DeadJobPage} */ (await api(`${base}/dead?${q}`));
    if (mine !== generation) return;
    state.lastPage = page;
    renderDead();
  };
  /** @param {boolean} paused */
  const setPaused = async (paused) => {
    const ok = await confirmAction({
      title: `${paused ? 'Pause' : 'Resume'} ${queue}?`,
      text: paused
        ? 'Every worker of the queue, in every process, stops starting jobs within a second. Running jobs finish; jobs can still be added.'
        : 'Every worker of the queue starts jobs again.',
      ok: paused ? 'Pause' : 'Resume',
      danger: paused,
    });
    if (!ok) return;
    try {
      await api(`${base}/${paused ? 'pause' : 'resume'}`, { method: 'POST', body: {} });
      notice(`${queue} ${paused ? 'paused' : 'resumed'}.`);
      await refreshSnapshot();
    } catch (error) {
      showError(error);
    }
  };
  // Counts, workers, stuck jobs and activity arrive over the live stream; the poll below reads them only
  // until the first pushed snapshot (and while the stream is down).
  /** @type {QueueSnapshot | undefined} */
  let pushed;
  /** @param {QueueSnapshot} s */
  const renderSnapshot = (s) => {
    const now = Date.now();
    replace(parts.tiles, statTiles(s));
    replace(parts.throughput, throughputSection(s));
    replace(parts.workers, workersSection(s, now));
    replace(parts.partitions, partitionsSection(s));
    replace(parts.stuck, stuckSection(s, now));
    replace(parts.activity, activitySection(s, now));
  };
  const liveGeneration = generation;
  const closeLive = openLive(
    `${base}/stream`,
    (s) => {
      if (liveGeneration !== generation) return closeLive();
      pushed = s;
      renderSnapshot(s);
      setLive(true);
    },
    (up) => {
      if (liveGeneration !== generation) return closeLive();
      if (!up) pushed = undefined;
    },
  );
  const refreshSnapshot = async () => {
    const mine = generation;
    const [s, control, blocked] = /** @type {[QueueSnapshot, QueueControlView, BlockedKeysView]} */ (
      await Promise.all([pushed ?? api(base), api(`${base}/schedulers`), api(`${base}/blocked-keys`)])
    );
    if (mine !== generation) return;
    const now = Date.now();
    replace(parts.blocked, blockedKeysSection(blocked, now));
    replace(
      parts.control,
      controlSection(
        control,
        { readOnly: session.readOnly, onPause: () => setPaused(true), onResume: () => setPaused(false) },
        now,
      ),
    );
    if (s !== pushed) renderSnapshot(s);
  };
  let loaded = false;
  poll(async () => {
    try {
      await Promise.all([refreshSnapshot(), refreshDead()]);
      loaded = true;
    } catch (error) {
      if (!loaded && error instanceof ApiError && error.status === 404)
        return errorCard(error, '#/', 'All queues');
      throw error;
    }
  });
}

// ---------- job lookup ----------

/** @param {string} queue @param {string} id */
function mountJob(queue, id) {
  const path = `/api/queues/${encodeURIComponent(queue)}/jobs/${encodeURIComponent(id)}`;
  replace(main, el('p', { class: 'empty' }, 'Looking the job up…'));
  let found = false;
  poll(async (mine) => {
    try {
      const lookup = /** @type {JobLookup} */ (await api(path));
      if (mine !== generation) return;
      found = true;
      replace(main, jobTimelineView(lookup));
    } catch (error) {
      if (!found && error instanceof ApiError && error.status === 404)
        return errorCard(error, `#/queues/${encodeURIComponent(queue)}`, `Back to ${queue}`);
      throw error;
    }
  });
}

// ---------- dead job detail ----------

/** @param {string} queue @param {string} id */
function mountDead(queue, id) {
  const base = `/api/queues/${encodeURIComponent(queue)}`;
  replace(main, el('p', { class: 'empty' }, 'Loading dead job…'));
  const load = async () => {
    const mine = generation;
    const job = /** @type {DeadJobDetail} */ (await api(`${base}/dead/${encodeURIComponent(id)}`));
    if (mine !== generation) return;
    replace(
      main,
      deadDetailView(job, {
        readOnly: session.readOnly,
        replay: async () => {
          const ok = await confirmAction({
            title: `Replay job ${job.jobId ?? job.id}?`,
            text: 'It goes back on the queue with its attempts reset.',
            items: [job.id],
            ok: 'Replay',
          });
          if (!ok) return;
          try {
            const r = /** @type {ReplayResult} */ (
              await api(`${base}/dead/replay`, { method: 'POST', body: { ids: [job.id] } })
            );
            if (r.replayed.length === 1) notice(`Replayed ${job.jobId ?? job.id}.`);
            else notice(`Not replayed: ${r.skipped.map((s) => s.reason).join(', ')}`);
            location.hash = `#/queues/${encodeURIComponent(queue)}`;
          } catch (error) {
            showError(error);
          }
        },
        discard: async () => {
          const ok = await confirmAction({
            title: `Discard dead job ${job.jobId ?? job.id}?`,
            text: 'It is deleted for good. This cannot be undone.',
            items: [job.id],
            ok: 'Discard',
            danger: true,
          });
          if (!ok) return;
          try {
            await api(`${base}/dead/purge`, { method: 'POST', body: { ids: [job.id] } });
            notice(`Discarded ${job.jobId ?? job.id}.`);
            location.hash = `#/queues/${encodeURIComponent(queue)}`;
          } catch (error) {
            showError(error);
          }
        },
      }),
    );
  };
  load().then(
    () => setLive(true),
    (error) =>
      error instanceof ApiError && error.status === 401
        ? showError(error)
        : errorCard(error, `#/queues/${encodeURIComponent(queue)}`, `Back to ${queue}`),
  );
}

// ---------- session ----------

/** @param {string} [error] */
function renderLogin(error) {
  clearTimeout(timer);
  generation++;
  $('logout').hidden = true;
  replace(main, loginView(login, error));
}

/** @param {string} token */
async function login(token) {
  try {
    await api('/api/login', { method: 'POST', body: { token } });
    await loadSession();
    navigate();
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 400))
      renderLogin('Wrong token.');
    else showError(error);
  }
}

async function loadSession() {
  session = /** @type {SessionView} */ (await api('/api/session'));
  $('mode').hidden = !session.readOnly;
  $('logout').hidden = !(session.authRequired && session.authenticated);
}

async function boot() {
  $('banner-close').addEventListener('click', clearError);
  $('logout').addEventListener('click', async () => {
    await api('/api/logout', { method: 'POST', body: {} }).catch(showError);
    await loadSession();
    renderLogin();
  });
  window.addEventListener('hashchange', navigate);
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) navigate();
  });
  try {
    const fromLink = /^#token=(.+)$/.exec(location.hash);
    if (fromLink) {
      // A link printed by `sharq dashboard`: sign in, then drop the token from the address bar.
      history.replaceState(null, '', `${location.pathname}#/`);
      await api('/api/login', {
        method: 'POST',
        body: { token: decodeURIComponent(/** @type {string} */ (fromLink[1])) },
      }).catch(() => undefined);
    }
    await loadSession();
    navigate();
  } catch (error) {
    replace(
      main,
      el(
        'div',
        { class: 'card' },
        el('h1', {}, 'Cannot load the dashboard'),
        el('p', { class: 'error-text' }, String(/** @type {Error} */ (error).message ?? error)),
      ),
    );
  }
}

window.addEventListener('error', (event) => showError(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => showError(event.reason));
boot();
