/**
 * The two halves every topic-provisioning step of a queue shares (provisionQueue and the topics made on
 * first use: control, dedup, priority levels):
 *   - provisionOnce: one pending promise per engine and key, so each process pays a step once; a failure
 *     is not memoised, the next call tries again;
 *   - ensureTopicRetrying: ensureTopic is idempotent, so a failed attempt is simply repeated: right after
 *     CreateTopics a broker can briefly answer metadata with UNKNOWN_TOPIC_OR_PARTITION (seen on the dev
 *     broker under parallel creates). A refusal (validation, non-retriable broker error) is final.
 */
import type { Engine, TopicSpec } from '../engine/engine.js';
import { ValidationError } from '../errors.js';

const memo = new WeakMap<Engine, Map<string, Promise<unknown>>>();

/** `key` must name the step and everything it depends on (e.g. `dedup|<topic>`). */
export function provisionOnce<T>(engine: Engine, key: string, run: () => Promise<T>): Promise<T> {
  let perEngine = memo.get(engine);
  if (!perEngine) {
    perEngine = new Map();
    memo.set(engine, perEngine);
  }
  const known = perEngine.get(key) as Promise<T> | undefined;
  if (known) return known;
  const pending = run();
  perEngine.set(key, pending);
  pending.catch(() => perEngine.delete(key));
  return pending;
}

export async function ensureTopicRetrying(engine: Engine, spec: TopicSpec, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await engine.ensureTopic(spec);
      return;
    } catch (error) {
      if (isConfigRejection(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

/** Several topics at once; resolves when all exist. */
export async function ensureTopicsRetrying(engine: Engine, specs: readonly TopicSpec[]): Promise<void> {
  await Promise.all(specs.map((spec) => ensureTopicRetrying(engine, spec)));
}

/**
 * The broker (or embedded engine) refused: a ValidationError, or a broker error flagged not retriable
 * (our KafkaProtocolError and kafkajs' errors both carry `retriable`). Connection trouble and
 * retriable broker errors are not refusals.
 */
function isConfigRejection(error: unknown): boolean {
  if (error instanceof ValidationError) return true;
  return (
    typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === false
  );
}
