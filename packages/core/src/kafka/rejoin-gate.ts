/**
 * Holds kafkajs' rejoin until a member has drained. kafkajs learns of a rebalance from a heartbeat or
 * commit error, emits REBALANCING and calls its ConsumerGroup's joinAndSync() right away without waiting
 * for listeners, and has no revoke callback. In the classic protocol the broker completes a rebalance
 * only once every member has rejoined (or the rebalance timeout passed), so a member that delays its
 * JoinGroup until its started records are finished keeps every other member from being assigned its
 * partitions before then. kafkajs 2.x (2.2.4, its last release) exposes no hook for that, so this wraps
 * ConsumerGroup.prototype.joinAndSync once per process: a REBALANCING listener registers a drain for
 * (groupId, memberId), and the next joinAndSync of that member awaits it first.
 */
import { createRequire } from 'node:module';
import { SharqError } from '../errors.js';

interface ConsumerGroupInternals {
  groupId: string;
  memberId: string | null;
  joinAndSync(this: ConsumerGroupInternals): Promise<void>;
}

const drains = new Map<string, () => Promise<void>>();
let installed = false;

function install(): void {
  if (installed) return;
  // The same module instance kafkajs' own index loads (CommonJS cache, same resolved path).
  const require = createRequire(import.meta.url);
  const ConsumerGroup = require('kafkajs/src/consumer/consumerGroup.js') as
    | { prototype?: Partial<ConsumerGroupInternals> }
    | undefined;
  const original = ConsumerGroup?.prototype?.joinAndSync;
  if (!ConsumerGroup?.prototype || typeof original !== 'function')
    throw new SharqError(
      'KAFKAJS_REJOIN_GATE',
      'kafkajs ConsumerGroup.prototype.joinAndSync not found (kafkajs 2.2.x expected): cannot drain before a rejoin',
    );
  ConsumerGroup.prototype.joinAndSync = async function joinAndSync(this: ConsumerGroupInternals) {
    const key = drainKey(this.groupId, this.memberId);
    const drain = drains.get(key);
    if (drain) {
      drains.delete(key);
      await drain();
    }
    return original.call(this);
  };
  installed = true;
}

/**
 * The next joinAndSync of this member waits for `drain` (which must settle, bounded, and never reject).
 * Call it from a REBALANCING listener: kafkajs calls joinAndSync synchronously after emitting it.
 */
export function holdNextRejoin(groupId: string, memberId: string, drain: () => Promise<void>): void {
  install();
  drains.set(drainKey(groupId, memberId), drain);
}

/** Installs the gate up front, so a kafkajs that changed shape fails at start, not at the first rebalance. */
export function installRejoinGate(): void {
  install();
}

function drainKey(groupId: string, memberId: string | null): string {
  return `${groupId}\u0000${memberId ?? ''}`;
}
