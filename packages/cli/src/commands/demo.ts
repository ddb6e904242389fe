import type { Command } from 'commander';
import { z } from 'zod';
import { runDemo } from '../demo/run-demo.js';
import { resolveKafka } from '../kafka-connection.js';
import type { CliContext } from '../context.js';
import { flagDefault, parseFlags } from '../parse.js';

const demoFlags = z.object({
  kafka: z.boolean().default(false),
  brokers: z.string().optional(),
  jobs: z.coerce.number().int().min(1).max(1_000_000).default(500),
  workers: z.coerce.number().int().min(1).max(64).default(3),
  concurrency: z.coerce.number().int().min(1).max(10_000).default(20),
});

export function registerDemo(program: Command, ctx: CliContext): void {
  const { output } = ctx;
  program
    .command('demo')
    .description('run the zero-setup demo: producer, workers, retries, dead letters, summary')
    .addHelpText('after', `\nExamples:\n  sharq demo --jobs 1000 --workers 4\n  sharq demo --kafka`)
    .option('--kafka', 'run on Kafka instead of the embedded engine (starts a local broker unless --brokers)')
    .option('--brokers <list>', 'Kafka bootstrap servers, comma separated (implies --kafka)')
    .option('--jobs <n>', 'jobs to enqueue', flagDefault(demoFlags.shape.jobs))
    .option('--workers <n>', 'worker instances', flagDefault(demoFlags.shape.workers))
    .option('--concurrency <n>', 'concurrency per worker', flagDefault(demoFlags.shape.concurrency))
    .action(async (raw: unknown) => {
      const flags = parseFlags(demoFlags, raw);
      const useKafka = flags.kafka || flags.brokers !== undefined;
      const queueName = `demo-${Date.now().toString(36)}`;
      if (!useKafka) {
        await runDemo(
          { ...flags, queueName, connection: { embedded: true }, connectionLabel: 'the embedded engine' },
          output,
        );
        return;
      }
      const kafka = await resolveKafka(flags.brokers, ctx, { startIfMissing: true });
      try {
        await runDemo(
          {
            ...flags,
            queueName,
            connection: { brokers: kafka.brokers },
            connectionLabel: `Kafka at ${kafka.brokers.join(',')}`,
          },
          output,
        );
      } finally {
        await kafka.release();
      }
    });
}
