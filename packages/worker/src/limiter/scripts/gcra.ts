/**
 * Shared Lua fragments of the GCRA (generic cell rate algorithm) scripts.
 *
 * A bucket is ONE key holding its TAT ("theoretical arrival time", ms since the epoch as text with
 * 3 decimals). With T = duration / max (the emission interval) and the burst tolerance = duration
 * (so up to `max` starts at once after an idle period), a start at time s conforms iff
 * max(TAT, s) + T - s <= duration; granting it sets TAT = max(TAT, s) + T. The key expires when
 * TAT is reached (the bucket is full again), so idle buckets (e.g. one per tenant) cost no memory.
 * Time is Redis's own clock (TIME), so processes on hosts with skewed clocks still share one bucket.
 *
 * Why GCRA rather than a token bucket (same guarantee: `max` per `duration` on average, bursts of up to
 * `max`): one number per bucket instead of tokens + last-refill time; partial grants ("3 of the 8 you
 * wanted"), refunds and reserving a FUTURE slot (per-key admission) are plain arithmetic on the TAT;
 * and the key's TTL is exactly "time until full", so idle buckets vanish by themselves.
 */
export const NOW = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + tonumber(clock[2]) / 1000
`;

/** Reads the TAT of KEYS[i] into `tat` (never in the past). */
export function readTat(key: string): string {
  return `
local tat = tonumber(redis.call('GET', ${key}) or '0')
if tat < now then tat = now end
`;
}

/** Stores `tat` in `key`, expiring when the bucket is full again (deleted if already full). */
export function writeTat(key: string, tat: string): string {
  return `
if ${tat} > now then
  redis.call('SET', ${key}, string.format('%.3f', ${tat}), 'PX', math.ceil(${tat} - now))
else
  redis.call('DEL', ${key})
end
`;
}

/** Gives `count` unused permits back to the bucket in `key` (its TAT moves back, never before now). */
export function refundTat(key: string, interval: string, count: string): string {
  return `
local old = tonumber(redis.call('GET', ${key}) or '0')
if old > now then
  local back = old - ${count} * ${interval}
${writeTat(key, 'back')}
end
`;
}
