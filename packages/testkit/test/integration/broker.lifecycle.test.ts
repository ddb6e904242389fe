import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { uniqueName } from '../../src/index.js';
import { startLocalKafka } from '../../src/kafka/local-kafka.js';
import { isAlive, waitForExit } from '../../src/process/process-info.js';

// These tests start their own brokers (not the shared one): they stop, crash and kill them.

describe('startLocalKafka', () => {
  it('restarts after a crash on the same ports with the same data', async () => {
    const broker = await startLocalKafka();
    const kafka = new Kafka({
      clientId: 'testkit-restart',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
    });
    const topic = uniqueName('testkit-restart');
    try {
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
      await admin.disconnect();
      const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      await producer.send({ topic, messages: [{ value: 'survives a crash' }] });
      await producer.disconnect();

      const { bootstrap, dir } = broker;
      const crashedPid = broker.pid!;
      await broker.restart({ signal: 'SIGKILL' });
      expect(isAlive(crashedPid)).toBe(false);
      expect(broker.pid).not.toBe(crashedPid);
      expect(broker.bootstrap).toBe(bootstrap);
      expect(broker.dir).toBe(dir);

      const after = kafka.admin();
      await after.connect();
      const offsets = await after.fetchTopicOffsets(topic);
      await after.disconnect();
      expect(offsets).toEqual([expect.objectContaining({ partition: 0, low: '0', high: '1' })]);
    } finally {
      await broker.stop();
    }
    expect(existsSync(broker.dir)).toBe(false);
  });

  it('leaves no JVM behind when the process that started it is SIGKILLed', async () => {
    const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
    const owner = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { startLocalKafka } = await import(${JSON.stringify(dist)});
         const k = await startLocalKafka();
         process.stdout.write(JSON.stringify({ pid: k.pid, dir: k.dir }) + '\\n');
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const started = await new Promise<{ pid: number; dir: string }>((resolve, reject) => {
      owner.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString('utf8'))));
      owner.once('exit', (code) => reject(new Error(`owner exited early (${code})`)));
    });
    expect(isAlive(started.pid)).toBe(true);
    owner.kill('SIGKILL');
    const jvmGone = await waitForExit(started.pid, 5000);
    expect(jvmGone).toBe(true);

    // The next start sweeps the dead run's folder.
    const next = await startLocalKafka();
    try {
      expect(existsSync(started.dir)).toBe(false);
    } finally {
      await next.stop();
    }
  });
});
