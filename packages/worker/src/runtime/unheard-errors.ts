import { type Logger, pino } from 'pino';

let logger: Logger | undefined;

/**
 * Where an 'error' nobody listens to goes. Node's EventEmitter would throw it and crash the process;
 * a worker must survive, but must not swallow it either: it is logged (stderr) with the worker id.
 */
export function logUnheardError(workerId: string, error: unknown): void {
  logger ??= pino({ name: 'sharq-worker', level: 'warn' }, pino.destination(2));
  logger.error({ workerId, err: error }, 'worker error (add a worker.on("error") listener to handle it)');
}
