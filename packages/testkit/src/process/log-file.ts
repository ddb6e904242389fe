import { existsSync, readFileSync, statSync } from 'node:fs';
import { lastLines } from './run-command.js';

/**
 * Log files of supervised processes are appended to across restarts, so readers take the byte offset where
 * the current launch started (logSize before launching) and look only at what came after.
 */
export function logSize(logFile: string): number {
  return existsSync(logFile) ? statSync(logFile).size : 0;
}

export function readLogFrom(logFile: string, fromByte = 0): string {
  if (!existsSync(logFile)) return '';
  return readFileSync(logFile).subarray(fromByte).toString('utf8');
}

/** The last lines of a log, for error messages. */
export function logTail(logFile: string, fromByte = 0, lines = 25): string {
  const text = readLogFrom(logFile, fromByte);
  return text === '' ? `(${logFile} is empty)` : lastLines(text, lines);
}
