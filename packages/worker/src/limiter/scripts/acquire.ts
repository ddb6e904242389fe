import { NOW, readTat, writeTat } from './gcra.js';
import { luaScript } from './script.js';

/**
 * acquire — up to `wanted` permits from the queue-wide bucket, all-or-some (GCRA, see gcra.ts).
 * KEYS[1] queue-wide TAT   KEYS[2] queue-wide pause (set by a manual back-off; PTTL = time left)
 * ARGV[1] T = duration/max (ms)   ARGV[2] duration (ms)   ARGV[3] wanted (>= 1)
 * Returns {granted, retryAfterMs}: granted >= 1 with retryAfterMs 0, or 0 with the ms until a permit
 * can exist (the pause's remaining time, or when the next cell conforms).
 */
export const ACQUIRE = luaScript(
  'acquire',
  `${NOW}
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return {0, paused} end
local interval = tonumber(ARGV[1])
local duration = tonumber(ARGV[2])
local wanted = tonumber(ARGV[3])
${readTat('KEYS[1]')}
local room = math.floor((now + duration - tat) / interval + 1e-9)
if room <= 0 then return {0, math.max(1, math.ceil(tat + interval - duration - now))} end
local granted = math.min(room, wanted)
local nexttat = tat + granted * interval
${writeTat('KEYS[1]', 'nexttat')}
return {granted, 0}
`,
);
