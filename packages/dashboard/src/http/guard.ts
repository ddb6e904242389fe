/**
 * Who may read and who may act.
 *
 *   reads       open when no token is configured (read-only dashboards); otherwise a valid
 *               `Authorization: Bearer <token>` or the session cookie set by POST /api/login.
 *   mutations   POST only, never in read-only mode (403 READ_ONLY), always authenticated (a
 *               token always exists when mutations are possible), and CSRF-safe:
 *                 - Origin, if sent, must be this server's origin; Sec-Fetch-Site must not be cross-site;
 *                 - cookie-authenticated calls must carry X-Sharq-Csrf = the per-server token the
 *                   page reads from GET /api/session (a cross-site page cannot read it, and cannot
 *                   set custom headers without a CORS preflight we never grant). Bearer-authenticated
 *                   calls are exempt: a browser never attaches a Bearer header on its own.
 *               Bodies are application/json only (body.ts), which plain HTML forms cannot send either.
 *   Host        when bound to loopback, the Host header must name loopback too: a DNS-rebinding page
 *               (evil.example resolving to 127.0.0.1) is refused before anything else.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { forbidden, HttpError, unauthorized } from '../errors.js';

export const SESSION_COOKIE = 'sharq_dashboard';
export const CSRF_HEADER = 'x-sharq-csrf';
const SESSION_MS = 12 * 3_600_000;
/** Wrong tokens tolerated per minute (all clients together) before logins answer 429 for the rest of it. */
const FAILED_LOGINS_PER_MINUTE = 10;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export type Identity = 'open' | 'bearer' | 'cookie';

const digest = (text: string) => createHash('sha256').update(text).digest();
const safeEqual = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || host.startsWith('127.');
}

export class Guard {
  readonly csrf = randomBytes(24).toString('base64url');
  readonly readOnly: boolean;
  private readonly token: string | undefined;
  private readonly loopbackOnly: boolean;
  private readonly sessions = new Map<string, number>();
  private failedLogins: { minute: number; count: number } = { minute: 0, count: 0 };

  constructor(options: { token: string | undefined; readOnly: boolean; loopbackOnly: boolean }) {
    this.token = options.token;
    this.readOnly = options.readOnly;
    this.loopbackOnly = options.loopbackOnly;
  }

  get authRequired(): boolean {
    return this.token !== undefined;
  }

  checkHost(req: IncomingMessage): void {
    if (!this.loopbackOnly) return;
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (!isLoopback(host)) throw forbidden('BAD_HOST', `host ${JSON.stringify(host)} is not this dashboard`);
  }

  identify(req: IncomingMessage): Identity | undefined {
    if (this.token === undefined) return 'open';
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && safeEqual(auth.slice('Bearer '.length).trim(), this.token)) {
      return 'bearer';
    }
    const session = readCookie(req, SESSION_COOKIE);
    if (session !== undefined) {
      const expires = this.sessions.get(session);
      if (expires !== undefined && expires > Date.now()) return 'cookie';
      this.sessions.delete(session);
    }
    return undefined;
  }

  requireRead(req: IncomingMessage): Identity {
    const who = this.identify(req);
    if (!who) throw unauthorized();
    return who;
  }

  requireMutation(req: IncomingMessage): void {
    checkSameOrigin(req);
    const who = this.requireRead(req);
    if (this.readOnly) throw forbidden('READ_ONLY', 'this dashboard is read-only');
    if (who === 'open') throw unauthorized(); // unreachable by construction: mutations imply a token
    if (who === 'cookie') {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, this.csrf)) {
        throw forbidden('CSRF', `missing or wrong ${CSRF_HEADER} header; reload the page`);
      }
    }
  }

  /**
   * A new session id for a correct token, undefined otherwise. Guessing is throttled: after
   * FAILED_LOGINS_PER_MINUTE wrong tokens, every login (right or wrong) is refused until the next minute.
   */
  login(token: string, now = Date.now()): string | undefined {
    const minute = Math.floor(now / 60_000);
    if (this.failedLogins.minute !== minute) this.failedLogins = { minute, count: 0 };
    if (this.failedLogins.count >= FAILED_LOGINS_PER_MINUTE) {
      throw new HttpError(429, 'TOO_MANY_ATTEMPTS', 'too many wrong tokens; try again in a minute');
    }
    if (this.token === undefined || !safeEqual(token, this.token)) {
      this.failedLogins.count++;
      return undefined;
    }
    for (const [id, expires] of this.sessions) if (expires <= now) this.sessions.delete(id);
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, now + SESSION_MS);
    return id;
  }

  logout(req: IncomingMessage): void {
    const session = readCookie(req, SESSION_COOKIE);
    if (session !== undefined) this.sessions.delete(session);
  }

  sessionCookie(id: string): string {
    return `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_MS / 1000}`;
  }

  clearedCookie(): string {
    return `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;
  }
}

/** Origin (when the browser sends one) must be ours; Fetch Metadata must not say cross-site. */
export function checkSameOrigin(req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) {
    throw forbidden('BAD_ORIGIN', `cross-origin request from ${origin} refused`);
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw forbidden('BAD_ORIGIN', `cross-site request (${site}) refused`);
  }
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
