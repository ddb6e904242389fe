/**
 * The page: a fixed list of files from the package's public/ folder (no path from the URL ever
 * reaches the file system), read once and served with a strict Content-Security-Policy — no
 * inline script, no foreign origin — so even a rendering bug could not run a job's data as code.
 */
import { readFile } from 'node:fs/promises';
import { notFound } from '../errors.js';
import type { ServerResponse } from 'node:http';

const PUBLIC_DIR = new URL('../../public/', import.meta.url);

const FILES: Readonly<Record<string, { file: string; type: string }>> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/render.js': { file: 'render.js', type: 'text/javascript; charset=utf-8' },
  '/views.js': { file: 'views.js', type: 'text/javascript; charset=utf-8' },
  '/job-view.js': { file: 'job-view.js', type: 'text/javascript; charset=utf-8' },
  '/live.js': { file: 'live.js', type: 'text/javascript; charset=utf-8' },
  '/operations.js': { file: 'operations.js', type: 'text/javascript; charset=utf-8' },
  '/schedulers.js': { file: 'schedulers.js', type: 'text/javascript; charset=utf-8' },
  '/blocked-keys.js': { file: 'blocked-keys.js', type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
  '/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export class StaticFiles {
  private readonly cache = new Map<string, Buffer>();

  has(path: string): boolean {
    return path in FILES;
  }

  async serve(path: string, res: ServerResponse, head: boolean): Promise<void> {
    const entry = FILES[path];
    if (!entry) throw notFound(`static file ${path}`);
    let body = this.cache.get(entry.file);
    if (!body) {
      body = await readFile(new URL(entry.file, PUBLIC_DIR));
      this.cache.set(entry.file, body);
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': entry.type,
      'content-length': body.length,
      'cache-control': 'no-cache',
    });
    res.end(head ? undefined : body);
  }
}
