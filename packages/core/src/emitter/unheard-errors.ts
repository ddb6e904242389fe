/**
 * The one policy for an error nobody listens to. Node's EventEmitter would throw it and crash the process;
 * a queue or worker must survive, but must not swallow it either: it is logged to stderr (with what
 * emitted it and how to handle it), whatever flags the host runs with.
 */
import { type Logger, pino } from 'pino';

let logger: Logger | undefined;

export function reportUnheardError(context: Record<string, unknown>, error: unknown): void {
  logger ??= pino({ name: 'sharq', level: 'warn' }, process.stderr);
  logger.error({ ...context, err: error }, 'unheard error (add an on("error") listener to handle it)');
}
