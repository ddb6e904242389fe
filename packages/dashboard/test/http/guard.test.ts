import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../src/errors.js';
import { CSRF_HEADER, Guard, isLoopback } from '../../src/http/guard.js';

const TOKEN = 'a-long-enough-token';

function req(headers: Record<string, string>, method = 'POST'): IncomingMessage {
  return { method, headers: { host: '127.0.0.1:8080', ...headers } } as unknown as IncomingMessage;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (error instanceof HttpError) return `${error.status} ${error.code}`;
    throw error;
  }
}

describe('Guard', () => {
  const guard = new Guard({ token: TOKEN, readOnly: false, loopbackOnly: true });
  const session = guard.login(TOKEN) ?? '';
  const cookie = `other=1; sharq_dashboard=${session}`;

  it('authenticates by Bearer token or session cookie, nothing else', () => {
    expect(guard.login('wrong-token-value')).toBeUndefined();
    expect(guard.identify(req({ authorization: `Bearer ${TOKEN}` }))).toBe('bearer');
    expect(guard.identify(req({ cookie }))).toBe('cookie');
    expect(guard.identify(req({ authorization: 'Bearer nope' }))).toBeUndefined();
    expect(guard.identify(req({ cookie: 'sharq_dashboard=forged' }))).toBeUndefined();
    expect(codeOf(() => guard.requireRead(req({})))).toBe('401 UNAUTHORIZED');
  });

  it('lets a cookie session mutate only with the CSRF header and from its own origin', () => {
    expect(codeOf(() => guard.requireMutation(req({ cookie })))).toBe('403 CSRF');
    expect(codeOf(() => guard.requireMutation(req({ cookie, [CSRF_HEADER]: guard.csrf })))).toBeUndefined();
    expect(
      codeOf(() =>
        guard.requireMutation(req({ cookie, [CSRF_HEADER]: guard.csrf, origin: 'http://127.0.0.1:8080' })),
      ),
    ).toBeUndefined();
    expect(
      codeOf(() =>
        guard.requireMutation(req({ cookie, [CSRF_HEADER]: guard.csrf, origin: 'https://evil.example' })),
      ),
    ).toBe('403 BAD_ORIGIN');
    expect(
      codeOf(() => guard.requireMutation(req({ cookie, [CSRF_HEADER]: guard.csrf, origin: 'null' }))),
    ).toBe('403 BAD_ORIGIN');
    // A Bearer header is never attached by a browser on its own: no CSRF token needed.
    expect(codeOf(() => guard.requireMutation(req({ authorization: `Bearer ${TOKEN}` })))).toBeUndefined();
  });

  it('throttles token guessing: 10 wrong tokens a minute, then 429 until the next minute', () => {
    const g = new Guard({ token: TOKEN, readOnly: false, loopbackOnly: true });
    const t0 = 60_000 * 1_000;
    for (let i = 0; i < 10; i++) expect(g.login(`wrong-guess-${i}`, t0 + i)).toBeUndefined();
    expect(codeOf(() => g.login(TOKEN, t0 + 20))).toBe('429 TOO_MANY_ATTEMPTS');
    expect(g.login(TOKEN, t0 + 60_000)).toEqual(expect.any(String));
  });

  it('logs a session out', () => {
    const other = guard.login(TOKEN) ?? '';
    const r = req({ cookie: `sharq_dashboard=${other}` });
    expect(guard.identify(r)).toBe('cookie');
    guard.logout(r);
    expect(guard.identify(r)).toBeUndefined();
  });

  it('refuses every mutation when read-only, while reads stay open without a token', () => {
    const ro = new Guard({ token: undefined, readOnly: true, loopbackOnly: true });
    expect(ro.requireRead(req({}, 'GET'))).toBe('open');
    expect(codeOf(() => ro.requireMutation(req({})))).toBe('403 READ_ONLY');
    expect(ro.login(TOKEN)).toBeUndefined();
  });

  it('refuses foreign Host headers on a loopback bind (DNS rebinding)', () => {
    expect(codeOf(() => guard.checkHost(req({ host: 'evil.example:8080' })))).toBe('403 BAD_HOST');
    expect(codeOf(() => guard.checkHost(req({ host: 'localhost:8080' })))).toBeUndefined();
    const open = new Guard({ token: TOKEN, readOnly: false, loopbackOnly: false });
    expect(codeOf(() => open.checkHost(req({ host: 'dash.internal:8080' })))).toBeUndefined();
    expect([isLoopback('127.0.0.1'), isLoopback('::1'), isLoopback('0.0.0.0')]).toEqual([true, true, false]);
  });
});
