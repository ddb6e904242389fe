import { readLogFrom } from '../process/log-file.js';

/**
 * The version the broker logged at startup (AppInfoParser: "Kafka version: 4.4.0"), if it did: the last one,
 * since the dev broker's log is appended to by every start, whatever release it ran.
 */
export function loggedKafkaVersion(logFile: string, fromByte = 0): string | undefined {
  return [...readLogFrom(logFile, fromByte).matchAll(/Kafka version: (\S+)/g)].at(-1)?.[1];
}

/** True when the log shows the broker could not bind its ports (another process took a "free" port). */
export function failedToBind(logFile: string, fromByte = 0): boolean {
  return /BindException|Address already in use/.test(readLogFrom(logFile, fromByte));
}
