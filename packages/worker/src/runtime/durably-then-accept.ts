import type { AckType } from '@sharq/core';

/** How one delivery is acknowledged and where its errors go. */
export interface Settler {
  /** True when the broker took the acknowledgement; a refusal has been reported. */
  ack(type: AckType): Promise<boolean>;
  failed(error: unknown): void;
}

/**
 * The rule for every copy that replaces the original (retry copy, deferred copy, DLQ record): make `copy`
 * durable, else RELEASE (the broker redelivers the original, nothing is lost); then ACCEPT. True when the
 * original was ACCEPTed.
 */
export async function durablyThenAccept(settler: Settler, copy: () => Promise<unknown>): Promise<boolean> {
  try {
    await copy();
  } catch (error) {
    settler.failed(error);
    await settler.ack('release');
    return false;
  }
  return settler.ack('accept');
}
