// @ts-check
// DOM helpers. Everything the server sends is put on the page with textContent or as
// property values — never as HTML — so job data like "<script>…" shows as the text it is.

/** @typedef {Node | string | number | null | undefined | false} Leaf */
/**
 * What el() and replace() take as children: nodes, text, nothing, or (nested) lists of them. Three levels
 * deep, because a JSDoc type cannot refer to itself; append() itself flattens any depth.
 * @typedef {Leaf | ReadonlyArray<Leaf | ReadonlyArray<Leaf | ReadonlyArray<Leaf>>>} Child
 */
/**
 * Element properties: class, style (an object), on<event> handlers, checked/value/disabled/hidden as
 * properties, anything else as an attribute (null, undefined and false leave it out).
 * @typedef {{ [key: string]: unknown } & { [key: `on${string}`]: ((event: Event) => unknown) | undefined }} Props
 */
/** A table row: its cells, and an optional class for the row. @typedef {Child[] & { rowClass?: string }} Row */

/**
 * el('div', { class: 'x', onclick }, 'text', childNode, [more], null)
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props | null} [props]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = /** @type {string} */ (value);
    // CSSOM, not a style attribute: the CSP forbids inline style attributes.
    else if (key === 'style' && typeof value === 'object') Object.assign(node.style, value);
    else if (key.startsWith('on') && typeof value === 'function')
      node.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    else if (key === 'checked' || key === 'value' || key === 'disabled' || key === 'hidden')
      /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (node))[key] = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/**
 * @param {Node} node
 * @param {Child[]} children
 */
function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

/**
 * @param {Element} node
 * @param {...Child} children
 */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

/** @param {number | null | undefined} n */
export const fmtNum = (n) => (n === undefined || n === null ? '–' : Number(n).toLocaleString('en-US'));

/** @param {number | null | undefined} perMin */
export function fmtRate(perMin) {
  if (perMin === undefined || perMin === null) return '–';
  if (perMin === 0) return '0';
  if (perMin < 10) return perMin.toFixed(1);
  return Math.round(perMin).toLocaleString('en-US');
}

/** @param {number | null | undefined} ms */
export function fmtDuration(ms) {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return '–';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/**
 * @param {number | null | undefined} ts
 * @param {number} [now]
 */
export function fmtAgo(ts, now = Date.now()) {
  if (!ts) return '–';
  const d = now - ts;
  if (d < 0) return `in ${fmtDuration(-d)}`;
  if (d < 1500) return 'just now';
  return `${fmtDuration(d)} ago`;
}

/** @param {number | null | undefined} ts */
export function fmtTime(ts) {
  if (!ts) return '–';
  const d = new Date(ts);
  /** @type {(n: number, w?: number) => string} */
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** @param {unknown} value */
export function prettyJson(value) {
  if (value === undefined) return '(none)';
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

/**
 * @param {string} text
 * @param {string} [tone]
 * @param {string} [title]
 */
export function badge(text, tone = 'muted', title) {
  return el('span', { class: `badge badge-${tone}`, title }, text);
}

/**
 * A table; rows = arrays of cells (string | Node).
 * @param {Child[]} headers
 * @param {Row[]} rows
 * @param {{ class?: string, empty?: string }} [options]
 */
export function table(headers, rows, options = {}) {
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: options.class ?? '' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          headers.map((h) => el('th', {}, h)),
        ),
      ),
      el(
        'tbody',
        {},
        rows.length === 0
          ? el(
              'tr',
              {},
              el('td', { class: 'empty', colspan: headers.length }, options.empty ?? 'Nothing here.'),
            )
          : rows.map((cells) =>
              el(
                'tr',
                cells.rowClass ? { class: cells.rowClass } : {},
                cells.map((cell) => el('td', {}, cell)),
              ),
            ),
      ),
    ),
  );
}

/**
 * Tiny bar chart of per-minute counts (DOM bars, no canvas).
 * @param {number[]} values
 * @param {string} tone
 */
export function sparkBars(values, tone) {
  const max = Math.max(1, ...values);
  return el(
    'div',
    { class: `spark spark-${tone}`, 'aria-hidden': 'true' },
    values.map((v) =>
      el('span', {
        style: { height: `${Math.max(v > 0 ? 8 : 2, Math.round((v / max) * 100))}%` },
        title: String(v),
      }),
    ),
  );
}
