/**
 * What the test broker's release should support, from the release the testkit started (SHARQ_KAFKA_VERSION,
 * default 4.4.0), not from Sharq's own detection: tests branch their expectations on this, so each
 * compatibility-table cell is asserted for the release it runs on.
 */
import { selectedKafkaRelease } from '@sharq/testkit';

export const release = selectedKafkaRelease();

const atLeast = (major: number, minor: number) =>
  release.major > major || (release.major === major && release.minor >= minor);

export const expectedCapabilities = {
  /** ShareFetch/ShareAcknowledge v2 (KIP-1222): 4.2+. */
  renew: true,
  /** Per-group share.delivery.count.limit / share.partition.max.record.locks (KIP-1240): 4.3+. */
  groupLimits: atLeast(4, 3),
  /** Broker-side DLQ (KIP-1191): 4.4 with share.version=2, which the testkit formats 4.4 with. */
  brokerDlq: atLeast(4, 4),
} as const;
