import { randomBytes } from 'node:crypto';

/**
 * A KRaft cluster id: 16 random bytes as unpadded base64url, like `kafka-storage random-uuid`.
 * Kafka's own generator rejects ids starting with '-' (they read as a command-line flag), so do we.
 */
export function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
