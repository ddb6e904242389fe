/**
 * Scenario 4: our share consumer vs Kafka's Java ShareConsumerPerformance (kafka-tools 4.4.0) and
 * @kafkats/client's ShareConsumer on the same broker and the same topic (each run its own share group,
 * share.auto.offset.reset=earliest set first), 1 and 4 consumers, 100 B and 1 KiB records: records/s
 * consumed + acknowledged, and process CPU per record. Beside each bare share consumer row, the Sharq
 * Worker with a no-op processor on as many jobs of the same size (a separate queue filled by addBulk),
 * so the Worker / engine ratio comes from one run.
 *
 * Each system runs in its own process (Sharq and kafkats: share-consume-proc; the Worker: worker-proc;
 * Java: its JVM), one after another, so each one's CPU is its own. SHARQ_BENCH_CPU_PROF profiles the
 * Node ones.
 */
import { KafkaEngine, Queue } from '@sharq/core';
import { startBenchKafka } from '../env/services.js';
import { warmUpBroker } from '../env/warmup.js';
import { javaShareConsumerPerformance, produceWithJava } from '../peers/java-tools.js';
import { KAFKATS_VERSION } from '../peers/kafkats-share-consumer.js';
import type { ShareConsumeResult } from '../peers/share-consume-protocol.js';
import { runShareConsumer } from '../peers/share-consume-runner.js';
import { type LoadAtStart, loadAtStart, loadCells } from '../report/noisy.js';
import { fmt, ratio, type Table } from '../report/table.js';
import type { Scenario, ScenarioContext, ScenarioResult } from '../scenario.js';
import { perSecond } from '../util/measure.js';
import { WorkerProcs } from '../util/worker-procs.js';

/** One system's result in one cell of the matrix. */
interface Result extends LoadAtStart {
  perSec: number;
  /** From the first record (Sharq and kafkats; the Worker from its first completed job: not measured, NaN). */
  steadyPerSec: number;
  /** Process CPU per record over the measured span, µs (NaN if not measured). */
  cpuMicrosPerRecord: number;
  /** Java only: the JVM's CPU over its whole life (start-up, JIT and close included) per record, µs. */
  processCpuMicrosPerRecord?: number;
  /** Set when a peer failed (the row shows it; a peer's failure is not ours). */
  failed?: string;
}

interface Row {
  size: number;
  consumers: number;
  records: number;
  /** batch_optimized, as Java and kafkats. */
  sharq: Result;
  /** record_limit: never more than each poll asked for (the Worker's mode for jobs too slow for whole batches). */
  sharqRecordLimit: Result;
  java: Result;
  kafkats: Result;
  worker: Result;
}

const WORKER_CONCURRENCY = 50;
const POLL_RECORDS = 500;
const JOBS_PER_ADD_BULK = 5_000;

const failedResult = (load: LoadAtStart, error: unknown): Result => ({
  ...load,
  perSec: Number.NaN,
  steadyPerSec: Number.NaN,
  cpuMicrosPerRecord: Number.NaN,
  failed: error instanceof Error ? error.message : String(error),
});

export const engineScenario: Scenario = {
  id: 'engine',
  title: 'Share consumer vs Java ShareConsumerPerformance and @kafkats/client; Worker vs share consumer',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    // Quick mode (CI) keeps every code path (both sizes, 1 and 4 consumers) in half the cells.
    const sizes = [
      { size: 100, records: ctx.quick ? 20_000 : 500_000, consumerCounts: ctx.quick ? [1] : [1, 4] },
      { size: 1024, records: ctx.quick ? 5_000 : 200_000, consumerCounts: ctx.quick ? [4] : [1, 4] },
    ];
    const partitions = 1;
    const timeoutMs = ctx.quick ? 60_000 : 300_000;
    const problems: string[] = [];
    const rows: Row[] = [];
    const kafka = await startBenchKafka(ctx.log);
    if (!ctx.quick) await warmUpBroker(kafka.brokers, ctx.runId, ctx.log);
    const engine = new KafkaEngine({ brokers: kafka.brokers, clientId: 'sharq-bench' });
    const brokers = kafka.brokers;

    async function bare(
      system: 'sharq' | 'kafkats',
      topic: string,
      group: string,
      records: number,
      consumers: number,
      acquireMode?: 'batch_optimized' | 'record_limit',
    ): Promise<ShareConsumeResult> {
      await engine.configureShareGroup(group, { autoOffsetReset: 'earliest' });
      return runShareConsumer({
        system,
        brokers,
        topic,
        group,
        records,
        consumers,
        timeoutMs,
        ...(acquireMode ? { acquireMode } : {}),
      });
    }

    const fromBare = (load: LoadAtStart, r: ShareConsumeResult): Result => ({
      ...load,
      perSec: perSecond(r.records, r.ms),
      steadyPerSec: perSecond(r.records, r.steadyMs),
      cpuMicrosPerRecord: r.cpuMicros / r.records,
    });

    async function sharqBare(
      topic: string,
      tag: string,
      records: number,
      consumers: number,
      mode: 'batch_optimized' | 'record_limit',
    ): Promise<Result> {
      ctx.log(`sharq share consumer (${mode}): ${consumers} consumer(s)`);
      const load = loadAtStart();
      const group = `engine-sharq-${mode === 'record_limit' ? 'rl-' : ''}${tag}`;
      const ours = await bare('sharq', topic, group, records, consumers, mode);
      if (ours.duplicates > 0) ctx.log(`  sharq: ${ours.duplicates} duplicate deliveries`);
      if (ours.ackErrors > 0)
        problems.push(`sharq ${mode} ${consumers} consumer(s): ${ours.ackErrors} acknowledgements failed`);
      return fromBare(load, ours);
    }

    /** A queue of `jobs` no-op jobs whose data is padded to about `size` bytes. */
    async function fillQueue(name: string, jobs: number, size: number): Promise<void> {
      const queue = new Queue<{ i: number; pad: string }>(name, { connection: { brokers }, partitions });
      try {
        await queue.waitUntilReady();
        const pad = 'x'.repeat(Math.max(0, size - 16));
        const started = performance.now();
        for (let from = 0; from < jobs; from += JOBS_PER_ADD_BULK) {
          const to = Math.min(jobs, from + JOBS_PER_ADD_BULK);
          await queue.addBulk(
            Array.from({ length: to - from }, (_, k) => ({ name: 'noop', data: { i: from + k, pad } })),
          );
        }
        ctx.log(`  addBulk ${fmt(jobs)} jobs into ${name} in ${fmt(performance.now() - started)} ms`);
      } finally {
        await queue.close();
      }
    }

    async function workerRun(queue: string, jobs: number, members: number): Promise<Result> {
      const load = loadAtStart();
      const procs = new WorkerProcs(jobs, ctx.log);
      procs.spawn(1, {
        system: 'sharq',
        queue,
        concurrency: WORKER_CONCURRENCY,
        members,
        brokers,
        jobMs: 0,
        timings: false,
      });
      let ms = Number.NaN;
      try {
        await procs.ready();
        const started = performance.now();
        procs.broadcast({ type: 'go' });
        await procs.until(jobs, timeoutMs);
        ms = performance.now() - started;
      } finally {
        await procs.stop();
        problems.push(...procs.errors.map((e) => `worker ${members} × ${WORKER_CONCURRENCY}: ${e}`));
        for (const w of procs.warnings) ctx.warn(`worker ${members} × ${WORKER_CONCURRENCY}: ${w}`);
      }
      if (procs.duplicates > 0) ctx.log(`  worker: ${procs.duplicates} duplicate completions`);
      return {
        ...load,
        perSec: perSecond(jobs, ms),
        steadyPerSec: Number.NaN,
        // Whole-process CPU (start-up, group join and close included) over the jobs.
        cpuMicrosPerRecord: procs.cpuMicros() / jobs,
      };
    }

    try {
      for (const { size, records, consumerCounts } of sizes) {
        const topic = `engine-${ctx.runId}-${size}`;
        await engine.ensureTopic({ name: topic, partitions });
        ctx.log(`producing ${records} x ${size} B into ${topic} (ProducerPerformance)`);
        await produceWithJava(kafka.bootstrap, topic, records, size);
        for (const consumers of consumerCounts) {
          const tag = `${ctx.runId}-${size}-${consumers}`;

          const [sharq, sharqRecordLimit] = [
            await sharqBare(topic, tag, records, consumers, 'batch_optimized'),
            await sharqBare(topic, tag, records, consumers, 'record_limit'),
          ] as const;

          ctx.log(`java: ${consumers} thread(s), ${size} B`);
          const javaGroup = `engine-java-${tag}`;
          await engine.configureShareGroup(javaGroup, { autoOffsetReset: 'earliest' });
          const javaLoad = loadAtStart();
          const javaRun = await javaShareConsumerPerformance({
            bootstrap: kafka.bootstrap,
            topic,
            group: javaGroup,
            records,
            threads: consumers,
            timeoutMs,
          });
          ctx.log(`  java: ${javaRun.line}`);
          const java: Result = {
            ...javaLoad,
            perSec: javaRun.recordsPerSec,
            steadyPerSec: Number.NaN,
            cpuMicrosPerRecord: javaRun.cpuMicros / javaRun.records,
            processCpuMicrosPerRecord: javaRun.processCpuMicros / javaRun.records,
          };

          ctx.log(`@kafkats/client: ${consumers} consumer(s) × runEach ${WORKER_CONCURRENCY}, ${size} B`);
          const kafkatsLoad = loadAtStart();
          let kafkats: Result;
          try {
            kafkats = fromBare(
              kafkatsLoad,
              await bare('kafkats', topic, `engine-kafkats-${tag}`, records, consumers),
            );
          } catch (error) {
            // A peer's failure is its own: shown in the row and the warnings, never a failed run.
            kafkats = failedResult(kafkatsLoad, error);
            ctx.warn(`@kafkats/client ${consumers}x${size}B: ${kafkats.failed}`);
          }

          const queue = `engine-jobs-${tag}`;
          ctx.log(`sharq Worker, no-op jobs: ${consumers} × ${WORKER_CONCURRENCY}, ${size} B`);
          await fillQueue(queue, records, size);
          const worker = await workerRun(queue, records, consumers);
          rows.push({ size, consumers, records, sharq, sharqRecordLimit, java, kafkats, worker });
        }
      }
    } finally {
      await engine.close();
      await kafka.stop();
    }

    const sizeLabel = (r: Row) => (r.size === 1024 ? '1 KiB' : `${r.size} B`);
    const label = (r: Row) => `${sizeLabel(r)}, ${r.consumers} consumer${r.consumers > 1 ? 's' : ''}`;
    const rate = (r: Result) => (r.failed ? 'failed' : fmt(r.perSec));
    const us = (r: Result) => (r.failed ? 'failed' : fmt(r.cpuMicrosPerRecord, 1));
    const throughput: Table = {
      title: `records/s consumed + acknowledged, ${fmt(sizes[0]?.records ?? 0)} × 100 B / ${fmt(sizes[1]?.records ?? 0)} × 1 KiB, ${partitions}-partition topic; Worker rows: as many no-op jobs of the same size`,
      headers: [
        'records, consumers',
        'Sharq',
        'Sharq rec/s',
        'Java rec/s',
        '@kafkats/client rec/s',
        'Sharq / Java',
        'Sharq / kafkats',
        'Worker / share consumer',
        'Sharq record_limit rec/s',
        'load1 at start',
      ],
      rows: rows.flatMap((r) => [
        [
          label(r),
          'bare share consumer',
          fmt(r.sharq.perSec),
          fmt(r.java.perSec),
          rate(r.kafkats),
          ratio(r.sharq.perSec, r.java.perSec),
          ratio(r.sharq.perSec, r.kafkats.perSec),
          '',
          fmt(r.sharqRecordLimit.perSec),
          loadCells([
            r.sharq.load1AtStart,
            r.java.load1AtStart,
            r.kafkats.load1AtStart,
            r.sharqRecordLimit.load1AtStart,
          ]),
        ],
        [
          label(r),
          `Worker, no-op jobs (${r.consumers} × ${WORKER_CONCURRENCY})`,
          fmt(r.worker.perSec),
          '',
          '',
          ratio(r.worker.perSec, r.java.perSec),
          ratio(r.worker.perSec, r.kafkats.perSec),
          ratio(r.worker.perSec, r.sharq.perSec),
          '',
          loadCells([r.worker.load1AtStart]),
        ],
      ]),
    };
    const cpu: Table = {
      title: 'process CPU per record (µs, user + system, every thread) over the measured span',
      headers: [
        'records, consumers',
        'Sharq share consumer',
        'Sharq record_limit',
        'Java',
        '@kafkats/client',
        'Sharq Worker (no-op)',
        'Sharq / Java',
        'Sharq steady rec/s',
      ],
      rows: rows.map((r) => [
        label(r),
        fmt(r.sharq.cpuMicrosPerRecord, 1),
        fmt(r.sharqRecordLimit.cpuMicrosPerRecord, 1),
        fmt(r.java.cpuMicrosPerRecord, 1),
        us(r.kafkats),
        fmt(r.worker.cpuMicrosPerRecord, 1),
        ratio(r.sharq.cpuMicrosPerRecord, r.java.cpuMicrosPerRecord),
        fmt(r.sharq.steadyPerSec),
      ]),
    };
    const noisy = rows.some((r) =>
      [r.sharq, r.sharqRecordLimit, r.java, r.kafkats, r.worker].some((x) => x.noisy),
    );
    return {
      tables: [throughput, cpu],
      charts: [
        {
          file: 'engine',
          title:
            'Share consumers: Sharq vs Java ShareConsumerPerformance vs @kafkats/client, and the Sharq Worker (records/s, higher is better)',
          type: 'bar',
          labels: rows.map(label),
          series: [
            { label: 'Sharq share consumer (Node)', data: rows.map((r) => r.sharq.perSec) },
            { label: 'Sharq Worker, no-op jobs', data: rows.map((r) => r.worker.perSec) },
            {
              label: 'Kafka ShareConsumerPerformance (Java 4.4.0)',
              data: rows.map((r) => r.java.perSec),
              peer: true,
            },
            {
              label: `@kafkats/client ${KAFKATS_VERSION} runEach`,
              data: rows.map((r) => (r.kafkats.failed ? null : r.kafkats.perSec)),
              peer: true,
            },
          ],
          yLabel: 'records/s',
        },
      ],
      data: { sizes, partitions, pollRecords: POLL_RECORDS, noisy, rows },
      versions: { 'kafka-tools': '4.4.0', '@kafkats/client': KAFKATS_VERSION },
      problems,
      notes: [
        'Rates count from consumer start (group join included) to the last record: Sharq to its last confirmed ACCEPT, kafkats to its last handled record plus stop() (ack flush, leave), Java by its own clock; the Worker from run() to its last completed job. "Sharq steady" starts at the first record.',
        `Sharq polls ${POLL_RECORDS} records and ACCEPTs each explicitly (batched into ranges); Java uses implicit acknowledgement (acks ride on the next poll); kafkats runEach (concurrency ${WORKER_CONCURRENCY}) ACCEPTs each record when its handler resolves.`,
        'Acquire mode: Sharq\'s main column, Java and kafkats use batch_optimized (whole log batches, the surplus buffered for the next polls); "Sharq record_limit" acquires no more than each poll asked for (the Worker\'s mode: the broker cuts its batches into 500-record slices, one ShareFetch round trip each).',
        'load1 at start, bare rows: Sharq / Java / kafkats / Sharq record_limit.',
        'Each system runs alone in its own process, in its own share group on the same topic: Sharq (batch_optimized, then record_limit), Java, kafkats, then the Worker on its own queue of no-op jobs (job data padded to the record size; the job envelope adds its own fields).',
        "CPU per record: Node processes measure process.cpuUsage() over the span above (the Worker: its whole process life); Java: the JVM's /proc CPU between its own start.time and end.time, sampled every 50 ms.",
        '"(noisy)": load1 above 2 when that run started: not evidence for or against a goal.',
      ],
    };
  },
};
