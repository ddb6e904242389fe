import { type Job, TimeoutError, toError } from '@sharq/core';
import { Redis } from 'ioredis';
import { type Logger, pino } from 'pino';
import type { AcquireLimiter, AdmitVerdict } from '../runtime/limiter-hook.js';
import type { LimiterKeys } from './namespace.js';
import type { LimiterLogger, ResolvedLimiterOptions } from './options.js';
import { RedisHealth } from './redis-health.js';
import { ACQUIRE } from './scripts/acquire.js';
import { ADMIT } from './scripts/admit.js';
import { BACK_OFF } from './scripts/back-off.js';
import { REFUND } from './scripts/refund.js';
import { type LuaScript, pair, runScript } from './scripts/script.js';

// biome-ignore lint/suspicious/noExplicitAny: the limiter sees jobs of any Data type
type AnyJob = Job<any, any>;

/** Longest single wait before asking Redis again (permits refunded by others may free up earlier). */
const MAX_WAIT_MS = 1_000;
/** Fail-closed: how often a paused acquisition looks whether the client has reconnected (no Redis call). */
const RECHECK_MS = 250;
/** How long a deferred job's reserved slot (ticket) outlives its due time. */
const TICKET_GRACE_MS = 60_000;
/** Fail-closed: an acquired job we cannot admit (Redis down) comes back after at least this long. */
const CLOSED_DEFER_MS = 1_000;

let defaultLogger: Logger | undefined;

function stderrLogger(): Logger {
  defaultLogger ??= pino({ name: 'sharq-limiter', level: 'info' }, pino.destination(2));
  return defaultLogger;
}

/**
 * The Redis rate limiter behind the `limiter` worker option: one GCRA bucket per queue shared by every
 * worker process (scripts/gcra.ts says why GCRA), optional per-key buckets, manual back-off, and a
 * Redis-fault policy (failOpen or fail-closed). beforeAcquire/refund/admit never throw into the worker:
 * every Redis error becomes a decision by the policy, and ioredis reconnects on its own. Only backOff
 * (worker.rateLimit) rejects, so its caller knows the back-off was not recorded.
 */
export class RedisLimiter implements AcquireLimiter {
  readonly keys: LimiterKeys;
  readonly #options: ResolvedLimiterOptions;
  readonly #client: Redis;
  readonly #ownsClient: boolean;
  readonly #health: RedisHealth;
  readonly #interval: number;
  #closed = false;
  #probing = false;

  constructor(options: ResolvedLimiterOptions, keys: LimiterKeys) {
    this.#options = options;
    this.keys = keys;
    this.#interval = options.duration / options.max;
    const logger: LimiterLogger = options.logger ?? stderrLogger();
    this.#health = new RedisHealth(logger, options.failOpen, keys.namespace);
    if (typeof options.redis === 'string') {
      this.#ownsClient = true;
      this.#client = new Redis(options.redis, {
        // Connect on first use: a worker that fails validation later must not leave a socket open.
        lazyConnect: true,
        connectTimeout: Math.max(1_000, options.timeoutMs),
        // Fail queued commands after one reconnect attempt; our own timeout bounds every call anyway.
        maxRetriesPerRequest: 1,
        retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 4), 1_000),
      });
      // ioredis reports each failed reconnect here; the outage is logged once by RedisHealth.
      this.#client.on('error', (error: unknown) => this.#health.failed(error));
      // Reconnected: probe at once rather than after the probe back-off.
      this.#client.on('ready', () => this.#health.reconnected());
    } else {
      // Your instance: we add no listeners to it (recovery is then found by the next probe, <= 5 s).
      this.#ownsClient = false;
      this.#client = options.redis;
    }
  }

  /** Queue-wide permits for up to `wanted` job starts; waits while there are none (fail-closed: also while Redis is down). */
  async beforeAcquire(wanted: number, signal: AbortSignal): Promise<number> {
    while (!signal.aborted && !this.#closed) {
      if (this.#health.down) {
        if (this.#options.failOpen) {
          // Unlimited meanwhile; the probe runs beside the worker so acquisition never waits on it.
          this.#probeInBackground();
          return wanted;
        }
        if (this.#health.probeInMs > 0) {
          await sleep(Math.min(this.#health.probeInMs, RECHECK_MS), signal);
          continue;
        }
      }
      const reply = await this.#call(
        ACQUIRE,
        [this.keys.global, this.keys.globalPause],
        [this.#interval, this.#options.duration, wanted],
      );
      if (!reply.ok) {
        if (this.#options.failOpen) return wanted;
        await sleep(Math.min(this.#health.probeInMs, RECHECK_MS), signal);
        continue;
      }
      const [granted, retryAfterMs] = reply.value;
      if (granted > 0) return Math.min(granted, wanted);
      await sleep(Math.min(retryAfterMs, MAX_WAIT_MS), signal);
    }
    return 0;
  }

  refund(unused: number): void {
    if (unused <= 0 || this.#closed || this.#health.down) return;
    void this.#call(REFUND, [this.keys.global], [this.#interval, unused]);
  }

  /**
   * The per-key gate, after acquisition. A key with a free slot starts now; one whose slot is at most
   * `maxHoldMs` away is held (the worker keeps renewing its lock) and then starts; a later slot is
   * reserved and the job re-enqueued to come back for it (no attempt counted).
   */
  async admit(job: AnyJob, signal: AbortSignal): Promise<AdmitVerdict> {
    const key = this.#options.key?.(job);
    if (key === undefined || key === '') return { start: true };
    const rate = this.#options.keys[key] ?? this.#options.keyDefault;
    if (this.#health.down && (this.#options.failOpen || this.#health.probeInMs > 0)) {
      this.#probeInBackground();
      return this.#faultVerdict();
    }
    const reply = await this.#call(
      ADMIT,
      [this.keys.key(key), this.keys.keyPause(key), this.keys.ticket(job.id), this.keys.global],
      [
        rate ? rate.duration / rate.max : 0,
        rate ? rate.duration : 0,
        this.#options.maxHoldMs,
        TICKET_GRACE_MS,
        this.#interval,
      ],
    );
    if (!reply.ok) return this.#faultVerdict();
    const [start, waitMs] = reply.value;
    if (start === 0) return { start: false, delayMs: waitMs };
    if (waitMs > 0) await sleep(waitMs, signal);
    return { start: true };
  }

  /** Manual back-off: no job of this queue (or of `job`'s key) starts for `ms`. */
  async backOff(ms: number, job?: AnyJob): Promise<void> {
    const key = job ? this.#options.key?.(job) : undefined;
    const pauseKey = key ? this.keys.keyPause(key) : this.keys.globalPause;
    const reply = await this.#call(BACK_OFF, [pauseKey], [Math.max(1, Math.round(ms))]);
    if (!reply.ok) throw reply.error;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (!this.#ownsClient) return;
    try {
      await this.#client.quit();
    } catch {
      // quit() on a connection that is down rejects; the socket is gone either way.
      this.#client.disconnect();
    }
  }

  #faultVerdict(): AdmitVerdict {
    if (this.#options.failOpen) return { start: true };
    return { start: false, delayMs: Math.max(CLOSED_DEFER_MS, this.#health.backoffMs) };
  }

  /** failOpen: a PING when a probe is due, never awaited by the caller. */
  #probeInBackground(): void {
    if (this.#probing || this.#closed || this.#health.probeInMs > 0) return;
    this.#probing = true;
    const sentAt = Date.now();
    this.#withTimeout(this.#client.ping(), 'PING')
      .then(
        () => this.#health.succeeded(sentAt),
        (error: unknown) => this.#health.failed(error),
      )
      .finally(() => {
        this.#probing = false;
      });
  }

  async #withTimeout<T>(call: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new TimeoutError(`Redis did not answer ${what} within ${this.#options.timeoutMs} ms`)),
        this.#options.timeoutMs,
      );
    });
    try {
      return await Promise.race([call, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async #call(
    script: LuaScript,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<{ ok: true; value: [number, number] } | { ok: false; error: Error }> {
    const sentAt = Date.now();
    try {
      const reply = await this.#withTimeout(runScript(this.#client, script, keys, args), script.name);
      this.#health.succeeded(sentAt);
      return { ok: true, value: pair(reply, script) };
    } catch (error) {
      this.#health.failed(error);
      return { ok: false, error: toError(error) };
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, Math.max(1, ms));
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
