import { NOW, readTat, refundTat, writeTat } from './gcra.js';
import { luaScript } from './script.js';

/**
 * admit — may this acquired job start, given its key's own limit? Runs after acquisition (the key is
 * in the job's data), and RESERVES the key's next free start time s = max(now, TAT + T - duration,
 * end of the key's pause), so waiting jobs of one key queue up behind each other instead of all
 * retrying at the same instant.
 * KEYS[1] the key's TAT   KEYS[2] the key's pause   KEYS[3] the job's ticket   KEYS[4] queue-wide TAT
 * ARGV[1] key T (ms; 0 = no rate for this key, only its pause)   ARGV[2] key duration (ms)
 * ARGV[3] max hold (ms)   ARGV[4] ticket grace (ms)   ARGV[5] queue-wide T (ms)
 * Returns {1, waitMs}: start after waitMs (<= max hold; the worker holds the record and renews its lock);
 *         {0, waitMs}: too far off — the worker re-enqueues the job to start in waitMs. The slot stays
 *         reserved as a ticket (KEYS[3], expires waitMs + grace after) that lets the job start at
 *         once when it comes back, and the queue-wide permit it took is refunded (it did not start).
 */
export const ADMIT = luaScript(
  'admit',
  `${NOW}
if redis.call('DEL', KEYS[3]) == 1 then return {1, 0} end
local interval = tonumber(ARGV[1])
local duration = tonumber(ARGV[2])
${readTat('KEYS[1]')}
local start = math.max(now, tat + interval - duration)
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then start = math.max(start, now + paused) end
local nexttat = math.max(tat, start) + interval
${writeTat('KEYS[1]', 'nexttat')}
local wait = math.ceil(start - now)
if wait <= tonumber(ARGV[3]) then return {1, wait} end
redis.call('SET', KEYS[3], '1', 'PX', wait + tonumber(ARGV[4]))
${refundTat('KEYS[4]', 'tonumber(ARGV[5])', '1')}
return {0, wait}
`,
);
