/**
 * One worker process under the supervisor: a Worker on the queue, its processor inline or in
 * threads. It obeys the supervisor's shutdown message; Ctrl-C reaches the whole process group,
 * so SIGINT is ignored here and the supervisor decides. Parent gone → close and exit.
 */
import { SharqError, parseOptions, toError } from '@sharq/core';
import { Worker, WorkerMetrics } from '@sharq/worker';
import {
  CHILD_CONFIG_ENV,
  type ChildToSupervisor,
  childConfigSchema,
  type SupervisorToChild,
} from './child-config.js';
import { loadProcessor } from './load-processor.js';
import { ThreadedProcessor } from './threaded-processor.js';

const send = (message: ChildToSupervisor) => process.send?.(message);

async function main(): Promise<void> {
  const config = parseOptions(
    childConfigSchema,
    JSON.parse(process.env[CHILD_CONFIG_ENV] ?? 'null'),
    CHILD_CONFIG_ENV,
  );
  const threaded =
    config.isolation === 'thread'
      ? // Each thread runs its share of the concurrency at once: I/O-bound jobs are not capped by the cores.
        await ThreadedProcessor.start(
          config.processorFile,
          config.threads,
          Math.ceil(config.concurrency / config.threads),
        )
      : undefined;
  const processor = threaded ? threaded.process : await loadProcessor(config.processorFile);
  const metrics = config.metricsPort === undefined ? undefined : new WorkerMetrics();
  // Process i on port + i: each process is its own scrape target (its own share-group member).
  const metricsServer = await metrics?.listen({
    port: (config.metricsPort ?? 0) + config.index,
    ...(config.metricsHost ? { host: config.metricsHost } : {}),
  });
  const worker = new Worker(config.queue, processor, {
    connection: { brokers: config.brokers },
    concurrency: config.concurrency,
    lockDurationMs: config.lockDurationMs,
    ordering: config.ordering,
    ...(metrics ? { metrics } : {}),
  });
  let completed = 0;
  let failed = 0;
  worker.on('completed', () => completed++);
  worker.on('failed', () => failed++);
  worker.on('error', (error) =>
    process.stderr.write(`[worker ${config.index}] ${error.name}: ${error.message}\n`),
  );
  const stats = setInterval(
    () => send({ type: 'stats', completed, failed, active: worker.activeCount }),
    1_000,
  );
  stats.unref();

  let shuttingDown = false;
  const shutdown = (graceMs: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    void (async () => {
      clearInterval(stats);
      await worker.close({ timeout: graceMs });
      await threaded?.close();
      await metricsServer?.close();
      send({ type: 'stats', completed, failed, active: 0 });
      process.exit(0);
    })();
  };
  process.on('message', (message: SupervisorToChild) => {
    if (message.type === 'shutdown') shutdown(message.graceMs);
  });
  process.on('disconnect', () => shutdown(5_000));
  process.on('SIGINT', () => {});
  await worker.waitUntilReady();
  send({ type: 'ready', workerId: worker.id, ...(metricsServer ? { metricsUrl: metricsServer.url } : {}) });
}

main().catch((error: unknown) => {
  const e = toError(error);
  send({ type: 'fatal', code: e instanceof SharqError ? e.code : e.name, message: e.message });
  process.stderr.write(`worker process failed: ${e.message}\n`);
  process.exit(1);
});
