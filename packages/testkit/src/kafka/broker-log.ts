import { existsSync, readFileSync, statSync } from 'node:fs';
import { lastLines } from '../process/run-command.js';

/**
 * The broker log is appended to across restarts of the same broker, so readers take the byte offset
 * where the current launch started (see logSize) and look only at what came after.
 */
function readFrom(logFile: string, fromByte: number): string {
  if (!existsSync(logFile)) return '';
  return readFileSync(logFile).subarray(fromByte).toString('utf8');
}

export function logSize(logFile: string): number {
  return existsSync(logFile) ? statSync(logFile).size : 0;
}

/** The version the broker logged at startup (AppInfoParser: "Kafka version: 4.4.0"), if it did. */
export function loggedKafkaVersion(logFile: string, fromByte = 0): string | undefined {
  return /Kafka version: (\S+)/.exec(readFrom(logFile, fromByte))?.[1];
}

/** The last lines of the broker log, for error messages. */
export function brokerLogTail(logFile: string, fromByte = 0, lines = 25): string {
  const text = readFrom(logFile, fromByte);
  return text === '' ? '(the broker log is empty)' : lastLines(text, lines);
}

/** True when the log shows the broker could not bind its ports (another process took a "free" port). */
export function failedToBind(logFile: string, fromByte = 0): boolean {
  return /BindException|Address already in use/.test(readFrom(logFile, fromByte));
}
