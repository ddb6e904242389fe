/**
 * Scenario 4: our share consumer vs Kafka's Java ShareConsumerPerformance (kafka-tools 4.4.0) on the same
 * broker and the same topic (each run its own share group, share.auto.offset.reset=earliest set first),
 * 1 and 4 consumers, 100 B and 1 KiB records: records/s consumed + acknowledged.
 */
import { KafkaEngine } from '@sharq/core';
import { startBenchKafka } from '../env/services.js';
import { warmUpBroker } from '../env/warmup.js';
import { javaShareConsumerPerformance, produceWithJava } from '../peers/java-tools.js';
import { sharqShareConsume } from '../peers/sharq-share-consumer.js';
import { fmt, ratio, type Table } from '../report/table.js';
import type { Scenario, ScenarioContext, ScenarioResult } from '../scenario.js';
import { loadAverage } from '../env/machine.js';

interface Row {
  size: number;
  consumers: number;
  sharq: number;
  sharqSteady: number;
  sharqCpuMs: number;
  java: number;
  load1: number;
}

export const engineScenario: Scenario = {
  id: 'engine',
  title: 'Share consumer vs Java ShareConsumerPerformance',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const sizes = [
      { size: 100, records: ctx.quick ? 20_000 : 500_000 },
      { size: 1024, records: ctx.quick ? 5_000 : 200_000 },
    ];
    const consumerCounts = [1, 4];
    const partitions = 1;
    const timeoutMs = ctx.quick ? 60_000 : 300_000;
    const problems: string[] = [];
    const rows: Row[] = [];
    const kafka = await startBenchKafka(ctx.log);
    if (!ctx.quick) await warmUpBroker(kafka.brokers, ctx.runId, ctx.log);
    const engine = new KafkaEngine({ brokers: kafka.brokers, clientId: 'sharq-bench' });
    try {
      for (const { size, records } of sizes) {
        const topic = `engine-${ctx.runId}-${size}`;
        await engine.ensureTopic({ name: topic, partitions });
        ctx.log(`producing ${records} x ${size} B into ${topic} (ProducerPerformance)`);
        await produceWithJava(kafka.bootstrap, topic, records, size);
        for (const consumers of consumerCounts) {
          ctx.log(`sharq: ${consumers} consumer(s), ${size} B`);
          const ours = await sharqShareConsume({
            engine,
            topic,
            group: `engine-sharq-${ctx.runId}-${size}-${consumers}`,
            records,
            consumers,
            timeoutMs,
          });
          if (ours.duplicates > 0) ctx.log(`  sharq: ${ours.duplicates} duplicate deliveries`);
          if (ours.ackErrors > 0)
            problems.push(`sharq ${consumers}x${size}B: ${ours.ackErrors} acknowledgements failed`);
          const group = `engine-java-${ctx.runId}-${size}-${consumers}`;
          await engine.configureShareGroup(group, { autoOffsetReset: 'earliest' });
          ctx.log(`java: ${consumers} thread(s), ${size} B`);
          const java = await javaShareConsumerPerformance({
            bootstrap: kafka.bootstrap,
            topic,
            group,
            records,
            threads: consumers,
            timeoutMs,
          });
          ctx.log(`  java: ${java.line}`);
          rows.push({
            size,
            consumers,
            sharq: ours.recordsPerSec,
            sharqSteady: ours.steadyPerSec,
            sharqCpuMs: ours.cpuMs,
            java: java.recordsPerSec,
            load1: loadAverage()[0],
          });
        }
      }
    } finally {
      await engine.close();
      await kafka.stop();
    }
    const label = (r: Row) =>
      `${r.size === 1024 ? '1 KiB' : `${r.size} B`}, ${r.consumers} consumer${r.consumers > 1 ? 's' : ''}`;
    const table: Table = {
      title: `records/s consumed + acknowledged, ${fmt(sizes[0]?.records ?? 0)} × 100 B / ${fmt(sizes[1]?.records ?? 0)} × 1 KiB, ${partitions}-partition topic`,
      headers: [
        'records, consumers',
        'Sharq rec/s',
        'Java rec/s',
        'Sharq / Java',
        'Sharq steady rec/s',
        'Sharq CPU ms',
        'load1',
      ],
      rows: rows.map((r) => [
        label(r),
        fmt(r.sharq),
        fmt(r.java),
        ratio(r.sharq, r.java),
        fmt(r.sharqSteady),
        fmt(r.sharqCpuMs),
        r.load1,
      ]),
    };
    return {
      tables: [table],
      charts: [
        {
          file: 'engine',
          title:
            'Share consumer: Sharq (TypeScript) vs Java ShareConsumerPerformance (records/s, higher is better)',
          type: 'bar',
          labels: rows.map(label),
          series: [
            { label: 'Sharq share consumer (Node)', data: rows.map((r) => r.sharq) },
            {
              label: 'Kafka ShareConsumerPerformance (Java 4.4.0)',
              data: rows.map((r) => r.java),
              peer: true,
            },
          ],
          yLabel: 'records/s',
        },
      ],
      data: { sizes, consumerCounts, partitions, rows },
      versions: { 'kafka-tools': '4.4.0' },
      problems,
      notes: [
        'Both rates count from consumer start (group join included) to the last record; Sharq\'s "steady" column starts at its first record.',
        'Java uses implicit acknowledgement (acks ride on the next poll); Sharq ACCEPTs each record explicitly (batched into ranges).',
        'Each consumer set uses its own share group on the same topic; Sharq runs first, then Java.',
      ],
    };
  },
};
