/**
 * Option fields that mean the same thing wherever they appear, written once and spread into each schema,
 * so their bounds cannot drift apart between the Queue, the Worker, the engines and the CLI.
 */
import { z } from 'zod';

/**
 * A share group's acquisition lock (`share.record.lock.duration.ms`), in ms: within the broker's absolute
 * bounds for `group.share.record.lock.duration.ms`, 1 s to 1 h (docs/kafka-share-groups.md).
 */
export const lockDurationMs = () => z.number().int().min(1_000).max(3_600_000);

/**
 * Deliveries of one record before the broker archives it (`share.delivery.count.limit`): 2 at the least,
 * and 25 at the most, the highest `group.share.max.delivery.count.limit` a broker accepts, so no group can
 * ever be given more (docs/kafka-share-groups.md).
 */
export const deliveryCountLimit = () => z.number().int().min(2).max(25);

/** A TCP port a server listens on; 0 asks the OS for a free one. */
export const listenPort = () => z.number().int().min(0).max(65_535);
