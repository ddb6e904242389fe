import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** What `sharq kafka start` leaves behind for `status` and `stop` (<sharq home>/kafka.json). */
export interface DetachedKafkaState {
  readonly pid: number;
  readonly host: string;
  readonly port: number;
  readonly controllerPort: number;
  /** The broker folder: server.properties, broker.log, kafka-logs/. Kept across stop/start. */
  readonly dir: string;
  readonly logFile: string;
  readonly startedAt: string;
  readonly version: string | undefined;
}

export function stateFile(home: string): string {
  return join(home, 'kafka.json');
}

export function detachedBrokerDir(home: string): string {
  return join(home, 'kafka');
}

export function readState(home: string): DetachedKafkaState | undefined {
  const file = stateFile(home);
  if (!existsSync(file)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // A torn write from a killed CLI: no usable state.
    return undefined;
  }
  return isState(value) ? value : undefined;
}

export async function writeState(home: string, state: DetachedKafkaState): Promise<void> {
  const file = stateFile(home);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

export async function clearState(home: string): Promise<void> {
  await rm(stateFile(home), { force: true });
}

function isState(value: unknown): value is DetachedKafkaState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.pid === 'number' &&
    typeof v.host === 'string' &&
    typeof v.port === 'number' &&
    typeof v.controllerPort === 'number' &&
    typeof v.dir === 'string' &&
    typeof v.logFile === 'string' &&
    typeof v.startedAt === 'string' &&
    (v.version === undefined || typeof v.version === 'string')
  );
}
