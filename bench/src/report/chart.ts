/**
 * PNG charts: a Chart.js chart rendered in the machine's Chromium (playwright-core, no browser download)
 * and screenshotted. Chart.js is loaded from node_modules as its UMD build, so nothing leaves the machine.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { BenchError } from '../errors.js';

export interface ChartSeries {
  readonly label: string;
  readonly data: readonly (number | null)[];
  /** Sharq series are drawn solid, peers dashed. */
  readonly peer?: boolean;
  /** A reference line (e.g. ideal scaling): grey, dotted. */
  readonly reference?: boolean;
}

export interface ChartSpec {
  /** File stem under bench/results/ (e.g. "e2e-throughput"). */
  readonly file: string;
  readonly title: string;
  readonly type: 'bar' | 'line';
  readonly labels: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly yLabel: string;
  readonly xLabel?: string;
  readonly logY?: boolean;
}

const SHARQ_COLOURS = ['#1f6feb', '#0a9396', '#6a4c93', '#2a9d8f'];
const PEER_COLOURS = ['#e76f51', '#d62828', '#f4a261', '#9c6644'];

function chromiumPath(): string {
  const candidates = [process.env.SHARQ_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((c): c is string => typeof c === 'string' && existsSync(c));
  if (!found)
    throw new BenchError(
      'CHART_FAILED',
      'no Chromium found (apt-get install chromium or set SHARQ_CHROMIUM)',
    );
  return found;
}

function chartConfig(spec: ChartSpec): unknown {
  let s = 0;
  let p = 0;
  const datasets = spec.series.map((series) => {
    const colour = series.reference
      ? '#8d99ae'
      : series.peer
        ? (PEER_COLOURS[p++ % PEER_COLOURS.length] as string)
        : (SHARQ_COLOURS[s++ % SHARQ_COLOURS.length] as string);
    return {
      label: series.label,
      data: series.data,
      backgroundColor: colour,
      borderColor: colour,
      borderDash: spec.type !== 'line' ? [] : series.reference ? [2, 4] : series.peer ? [6, 4] : [],
      borderWidth: spec.type === 'line' ? 2.5 : 0,
      pointRadius: 3,
      spanGaps: true,
    };
  });
  return {
    type: spec.type,
    data: { labels: spec.labels, datasets },
    options: {
      animation: false,
      responsive: false,
      devicePixelRatio: 1,
      plugins: {
        title: { display: true, text: spec.title, font: { size: 15 } },
        legend: { position: 'bottom' },
      },
      scales: {
        x: { title: { display: Boolean(spec.xLabel), text: spec.xLabel ?? '' } },
        y: {
          type: spec.logY ? 'logarithmic' : 'linear',
          beginAtZero: !spec.logY,
          title: { display: true, text: spec.yLabel },
        },
      },
    },
  };
}

/** Renders every chart to `<dir>/<file>.png` with one browser; returns the written paths. */
export async function renderCharts(specs: readonly ChartSpec[], dir: string): Promise<string[]> {
  if (specs.length === 0) return [];
  const require = createRequire(import.meta.url);
  // The UMD build is not in chart.js's exports map: find it beside the resolved CommonJS entry.
  const chartJs = await readFile(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 960, height: 560 } });
    const written: string[] = [];
    for (const spec of specs) {
      const html = `<!doctype html><html><body style="margin:0;background:#fff">
<canvas id="c" width="960" height="560"></canvas>
<script>${chartJs}</script>
<script>new Chart(document.getElementById('c'), ${JSON.stringify(chartConfig(spec))});</script>
</body></html>`;
      await page.setContent(html, { waitUntil: 'load' });
      const png = await page.locator('#c').screenshot({ type: 'png' });
      const path = `${dir}/${spec.file}.png`;
      await writeFile(path, png);
      written.push(path);
    }
    return written;
  } finally {
    await browser.close();
  }
}
