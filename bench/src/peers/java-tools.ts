/**
 * Kafka's own perf tools from kafka-tools 4.4.0 (the testkit's jar cache): ProducerPerformance to fill a topic
 * fast, ShareConsumerPerformance as the reference share consumer. Each run is one JVM, awaited and killed
 * if it overruns.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureKafkaLibs } from '@sharq/testkit';
import { BenchError } from '../errors.js';

function javaBin(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

async function runJava(mainClass: string, args: string[], timeoutMs: number): Promise<string> {
  const { libsDir } = await ensureKafkaLibs();
  return new Promise((resolve, reject) => {
    const child = spawn(
      javaBin(),
      ['-Xmx512m', '-XX:+UseG1GC', '-Dlog4j2.level=WARN', '-cp', `${libsDir}/*`, mainClass, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new BenchError('PEER_FAILED', `${mainClass}: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else
        reject(
          new BenchError(
            'PEER_FAILED',
            `${mainClass} exited with ${code ?? signal}: ${(err || out).trim().split('\n').slice(-8).join('\n')}`,
          ),
        );
    });
  });
}

export async function produceWithJava(
  bootstrap: string,
  topic: string,
  records: number,
  recordSize: number,
  batchBytes = 262_144,
): Promise<void> {
  await runJava(
    'org.apache.kafka.tools.ProducerPerformance',
    [
      '--topic',
      topic,
      '--num-records',
      String(records),
      '--record-size',
      String(recordSize),
      '--throughput',
      '-1',
      '--producer-props',
      `bootstrap.servers=${bootstrap}`,
      'acks=1',
      'linger.ms=10',
      `batch.size=${batchBytes}`,
      'compression.type=none',
    ],
    600_000,
  );
}

export interface JavaShareResult {
  recordsPerSec: number;
  mbPerSec: number;
  records: number;
  line: string;
}

/** ShareConsumerPerformance: implicit acks, poll(100 ms), commitSync at the end (its own defaults). */
export async function javaShareConsumerPerformance(options: {
  bootstrap: string;
  topic: string;
  group: string;
  records: number;
  threads: number;
  timeoutMs: number;
}): Promise<JavaShareResult> {
  const out = await runJava(
    'org.apache.kafka.tools.ShareConsumerPerformance',
    [
      '--bootstrap-server',
      options.bootstrap,
      '--topic',
      options.topic,
      '--num-records',
      String(options.records),
      '--group',
      options.group,
      '--threads',
      String(options.threads),
      '--timeout',
      '20000',
    ],
    options.timeoutMs,
  );
  // Columns: start.time, end.time, data.consumed.in.MB, MB.sec, nMsg.sec, data.consumed.in.nMsg, ...
  const line =
    out
      .trim()
      .split('\n')
      .filter((l) => /^\d{4}-\d\d-\d\d/.test(l.trim()))
      .pop() ?? '';
  const cols = line.split(',').map((c) => c.trim());
  const recordsPerSec = Number(cols[4]);
  if (!Number.isFinite(recordsPerSec)) {
    throw new BenchError('PEER_FAILED', `cannot parse ShareConsumerPerformance output:\n${out.slice(-800)}`);
  }
  return { recordsPerSec, mbPerSec: Number(cols[3]), records: Number(cols[5]), line };
}
