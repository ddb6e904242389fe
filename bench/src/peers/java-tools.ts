/**
 * Kafka's own perf tools from kafka-tools 4.4.0 (the testkit's jar cache): ProducerPerformance to fill a topic
 * fast, ShareConsumerPerformance as the reference share consumer. Each run is one JVM, awaited and killed
 * if it overruns.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureKafkaLibs } from '@sharq/testkit';
import { BenchError } from '../errors.js';
import { sampleProc } from '../util/proc-stats.js';

/** How often the JVM's CPU time is read while ShareConsumerPerformance runs. */
const CPU_SAMPLE_MS = 50;

function javaBin(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** The JVM's CPU time (ms, every thread) sampled through /proc while it runs, with epoch-ms timestamps. */
export interface CpuTrace {
  samples: { at: number; cpuMs: number }[];
}

async function runJava(
  mainClass: string,
  args: string[],
  timeoutMs: number,
  trace?: CpuTrace,
): Promise<string> {
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
    const sampler =
      trace && child.pid !== undefined
        ? setInterval(() => {
            const sample = sampleProc(child.pid as number);
            if (sample) trace.samples.push({ at: performance.timeOrigin + sample.at, cpuMs: sample.cpuMs });
          }, CPU_SAMPLE_MS)
        : undefined;
    child.on('exit', () => clearInterval(sampler));
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
  /**
   * JVM CPU (every thread, µs) between the tool's own start.time and end.time, interpolated from /proc
   * samples every 50 ms: the span its nMsg.sec covers, without JVM start-up. NaN if not measurable.
   */
  cpuMicros: number;
  /** JVM CPU over the whole process life (start-up, JIT and close included), µs; NaN if not measurable. */
  processCpuMicros: number;
}

/** ConsumerPerformance's default date format: yyyy-MM-dd HH:mm:ss:SSS, in the machine's time zone. */
function parseToolTime(text: string | undefined): number {
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d):(\d{3})$/.exec(text ?? '');
  return m ? new Date(`${m[1]}T${m[2]}.${m[3]}`).getTime() : Number.NaN;
}

/** CPU ms at epoch time `at`, linearly between the samples around it. */
function cpuAt(trace: CpuTrace, at: number): number {
  const s = trace.samples;
  if (s.length < 2 || at < (s[0] as { at: number }).at || at > (s[s.length - 1] as { at: number }).at)
    return Number.NaN;
  for (let i = 1; i < s.length; i++) {
    const b = s[i] as { at: number; cpuMs: number };
    if (b.at >= at) {
      const a = s[i - 1] as { at: number; cpuMs: number };
      return b.at === a.at ? b.cpuMs : a.cpuMs + ((b.cpuMs - a.cpuMs) * (at - a.at)) / (b.at - a.at);
    }
  }
  return Number.NaN;
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
  const trace: CpuTrace = { samples: [] };
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
    trace,
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
  const cpuMs = cpuAt(trace, parseToolTime(cols[1])) - cpuAt(trace, parseToolTime(cols[0]));
  const last = trace.samples[trace.samples.length - 1];
  return {
    recordsPerSec,
    mbPerSec: Number(cols[3]),
    records: Number(cols[5]),
    line,
    cpuMicros: cpuMs * 1000,
    processCpuMicros: last ? last.cpuMs * 1000 : Number.NaN,
  };
}
