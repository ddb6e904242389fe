#!/usr/bin/env node
/**
 * sharq-kafka start [--port N] [--fresh] [--kafka-version X.Y.Z] | stop | status | run <command> [args...]
 * A local Kafka broker (4.4.0 unless --kafka-version or SHARQ_KAFKA_VERSION) with share groups for development (the `sharq kafka` CLI calls the same functions).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describeBroker } from '../kafka/broker-info.js';
import {
  type DetachedKafkaStatus,
  detachedKafkaStatus,
  startDetachedKafka,
  stopDetachedKafka,
} from '../kafka/detached-kafka.js';

const log = (line: string) => process.stderr.write(`[sharq-kafka] ${line}\n`);
const [action, ...rest] = process.argv.slice(2);

function print(status: DetachedKafkaStatus): void {
  if (!status.running) {
    process.stdout.write('not running\n');
    return;
  }
  const what = status.info
    ? describeBroker(status.info, status.bootstrap ?? '')
    : `starting at ${status.bootstrap}`;
  process.stdout.write(`${what}\npid ${status.pid}, data ${status.dir}, log ${status.logFile}\n`);
}

switch (action) {
  case 'start': {
    const portIndex = rest.indexOf('--port');
    const port = portIndex >= 0 ? Number(rest[portIndex + 1]) : undefined;
    if (port !== undefined && !Number.isInteger(port)) {
      log('--port needs a number');
      process.exit(2);
    }
    const versionIndex = rest.indexOf('--kafka-version');
    const version = versionIndex >= 0 ? rest[versionIndex + 1] : undefined;
    print(
      await startDetachedKafka({
        ...(port === undefined ? {} : { port }),
        ...(version === undefined ? {} : { version }),
        fresh: rest.includes('--fresh'),
        log,
      }),
    );
    break;
  }
  case 'stop': {
    const result = await stopDetachedKafka();
    process.stdout.write(result.wasRunning ? `stopped (pid ${result.pid})\n` : 'not running\n');
    break;
  }
  case 'status': {
    const status = await detachedKafkaStatus();
    print(status);
    process.exitCode = status.running ? 0 : 1;
    break;
  }
  case 'run': {
    const withKafka = fileURLToPath(new URL('./with-kafka.js', import.meta.url));
    const result = spawnSync(process.execPath, [withKafka, ...rest], { stdio: 'inherit' });
    process.exitCode = result.status ?? 1;
    break;
  }
  default:
    log(
      'usage: sharq-kafka start [--port N] [--fresh] [--kafka-version X.Y.Z] | stop | status | run <command> [args...]',
    );
    process.exitCode = 2;
}
