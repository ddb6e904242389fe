import { randomBytes } from 'node:crypto';

/** A topic/group name no other test (or earlier run) uses: tests never share state. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
