/**
 * Sign-in for the page.
 *   GET  /api/session   { authRequired, authenticated, readOnly, csrf?, refreshMs, stuckAfterMs, deadReasons }
 *                       deadReasons: core's DEAD_JOB_REASONS, so the page's filter lists what the API accepts.
 *                       csrf only for an authenticated caller; a cross-origin page cannot read it.
 *   POST /api/login     { token } → session cookie (HttpOnly, SameSite=Strict); 401 BAD_TOKEN
 *   POST /api/logout    ends the session
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEAD_JOB_REASONS } from '@sharq/core';
import { HttpError, methodNotAllowed } from '../errors.js';
import { readJsonBody } from '../http/body.js';
import { checkSameOrigin, type Guard } from '../http/guard.js';
import { sendJson } from '../http/respond.js';
import { loginSchema } from './schemas.js';

/** The answer of GET /api/session (the page's app.js reads it). */
export interface SessionView {
  authRequired: boolean;
  authenticated: boolean;
  readOnly: boolean;
  csrf?: string | undefined;
  refreshMs: number;
  stuckAfterMs: number;
  deadReasons: readonly string[];
}

export interface SessionRouteDeps {
  guard: Guard;
  bodyLimitBytes: number;
  refreshMs: number;
  stuckAfterMs: number;
}

export async function handleSessionRoute(
  deps: SessionRouteDeps,
  route: 'session' | 'login' | 'logout',
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { guard } = deps;
  if (route === 'session') {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(['GET']);
    const who = guard.identify(req);
    const view: SessionView = {
      authRequired: guard.authRequired,
      authenticated: who !== undefined,
      readOnly: guard.readOnly,
      csrf: who !== undefined && !guard.readOnly ? guard.csrf : undefined,
      refreshMs: deps.refreshMs,
      stuckAfterMs: deps.stuckAfterMs,
      deadReasons: DEAD_JOB_REASONS,
    };
    return sendJson(res, 200, view);
  }
  if (req.method !== 'POST') throw methodNotAllowed(['POST']);
  checkSameOrigin(req);
  if (route === 'logout') {
    guard.logout(req);
    res.setHeader('set-cookie', guard.clearedCookie());
    return sendJson(res, 200, { ok: true });
  }
  const body = await readJsonBody(req, loginSchema, deps.bodyLimitBytes);
  const session = guard.login(body.token);
  if (!session) throw new HttpError(401, 'BAD_TOKEN', 'wrong token');
  res.setHeader('set-cookie', guard.sessionCookie(session));
  return sendJson(res, 200, { ok: true });
}
