import { pino, type Logger } from 'pino';
import type { Output } from './output.js';

const LABELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/**
 * pino for the CLI: JSON lines when stderr is not a terminal (log shippers), a short human line on a
 * terminal ("12:00:01 warn worker process 1 exited …"). Written through Output so tests capture it.
 */
export function createCliLogger(
  level: string,
  output: Output,
  pretty = Boolean(process.stderr.isTTY),
): Logger {
  const stream = {
    write(line: string): void {
      if (!pretty) {
        output.err(line.trimEnd());
        return;
      }
      const entry = JSON.parse(line) as { level: number; time: number; msg?: string };
      const time = new Date(entry.time).toISOString().slice(11, 19);
      output.err(`${time} ${LABELS[entry.level] ?? entry.level} ${entry.msg ?? ''}`);
    },
  };
  return pino({ level, base: undefined }, stream);
}
