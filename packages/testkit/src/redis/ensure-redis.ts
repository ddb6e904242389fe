import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { rm } from 'node:fs/promises';
import { testRedisUrl } from '../env.js';
import { TestkitError } from '../errors.js';
import { logTail } from '../process/log-file.js';
import { CHILD_PID_FILE, createRunDir, sweepStaleRunDirs } from '../process/run-dir.js';
import { spawnSupervised } from '../process/supervised-process.js';
import { redisAnswers } from './redis-ping.js';

export interface RedisService {
  readonly url: string;
  /** True when this call started redis-server (and stop() will stop it). */
  readonly started: boolean;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 10_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * Makes sure Redis answers at `url` (default SHARQ_REDIS_URL or redis://127.0.0.1:6379). If nothing answers
 * on a loopback address, starts Debian's `redis-server` there (no persistence, data in a temp folder) under
 * the same watchdog as the test broker; otherwise fails with a message saying what to do.
 */
export async function ensureRedis(
  options: { url?: string; log?: (line: string) => void } = {},
): Promise<RedisService> {
  const url = options.url ?? testRedisUrl();
  const { hostname, port: portText } = new URL(url);
  const port = Number(portText || 6379);
  if (await redisAnswers(hostname, port)) {
    return { url, started: false, pid: undefined, stop: async () => {} } satisfies RedisService;
  }
  if (!LOOPBACK.has(hostname)) {
    throw new TestkitError(
      'REDIS_UNAVAILABLE',
      `nothing answers PING at ${url}; start Redis there or fix SHARQ_REDIS_URL`,
    );
  }
  const executable = process.env.SHARQ_REDIS_SERVER ?? 'redis-server';
  if (spawnSync(executable, ['--version']).status !== 0) {
    throw new TestkitError(
      'REDIS_UNAVAILABLE',
      `nothing answers PING at ${url} and \`${executable}\` is not installed: install Redis` +
        ' (Debian/Ubuntu: `apt-get install redis-server`; macOS: `brew install redis`), start it on' +
        ` ${hostname}:${port}, or point SHARQ_REDIS_URL at a running Redis.`,
    );
  }
  const root = join(tmpdir(), 'sharq-redis');
  await sweepStaleRunDirs(root);
  const dir = await createRunDir(root);
  const logFile = join(dir, 'redis.log');
  const host = hostname === 'localhost' ? '127.0.0.1' : hostname.replace(/^\[|\]$/g, '');
  const child = await spawnSupervised({
    command: executable,
    args: ['--port', String(port), '--bind', host, '--save', '', '--appendonly', 'no', '--dir', dir],
    cwd: dir,
    logFile,
    pidFile: join(dir, CHILD_PID_FILE),
    graceMs: 5000,
  });
  const stop = async () => {
    await child.stop();
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (!(await redisAnswers(hostname, port))) {
    if (Date.now() > deadline) {
      await stop();
      throw new TestkitError(
        'REDIS_UNAVAILABLE',
        `redis-server did not answer on ${host}:${port}:\n${logTail(logFile)}`,
      );
    }
    await sleep(100);
  }
  options.log?.(`started redis-server on ${host}:${port} (pid ${child.pid})`);
  return { url, started: true, pid: child.pid, stop } satisfies RedisService;
}
