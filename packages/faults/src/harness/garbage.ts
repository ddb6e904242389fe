import { randomBytes } from 'node:crypto';

/** A bad record for a queue topic: what a buggy or foreign producer could write there. */
export interface BadRecord {
  kind: string;
  key: string;
  value: Buffer | null;
}

const validEnvelope = (id: string) =>
  JSON.stringify({
    v: 1,
    id,
    name: 'fault',
    data: { n: 0 },
    opts: { attempts: 1 },
    attemptsMade: 0,
    ts: Date.now(),
  });

const KINDS: readonly ((id: string) => Buffer | null)[] = [
  () => randomBytes(1 + Math.floor(Math.random() * 512)),
  (id) => {
    const full = Buffer.from(validEnvelope(id));
    return full.subarray(0, 1 + Math.floor(Math.random() * (full.length - 2)));
  },
  (id) => Buffer.from(validEnvelope(id).replace('"v":1', '"v":2')),
  (id) => Buffer.from(validEnvelope(id).replace('"v":1', '"v":0')),
  (id) => Buffer.from(validEnvelope(id).replace('"v":1,', '')),
  () => Buffer.from(JSON.stringify([1, 2, 3])),
  () => Buffer.from('"just a string"'),
  () => Buffer.from('null'),
  () => Buffer.alloc(0),
  () => null,
  (id) => Buffer.from(validEnvelope(id).replace('"attemptsMade":0', '"attemptsMade":-1')),
  (id) => Buffer.from(validEnvelope(id).replace('"opts":{"attempts":1}', '"opts":"nope"')),
];

export const BAD_KINDS = [
  'random',
  'truncated',
  'v2',
  'v0',
  'no-version',
  'array',
  'string',
  'json-null',
  'empty',
  'tombstone',
  'negative-attempts',
  'opts-not-object',
] as const;

/** `count` bad records cycling through every kind, keys `bad-<n>`. */
export function badRecords(count: number): BadRecord[] {
  return Array.from({ length: count }, (_, n) => {
    const make = KINDS[n % KINDS.length] as (id: string) => Buffer | null;
    return { kind: BAD_KINDS[n % BAD_KINDS.length] as string, key: `bad-${n}`, value: make(`bad-${n}`) };
  });
}
