import { luaScript } from './script.js';

/**
 * back-off — a manual "rate limited for N ms" (HTTP 429): nobody starts a job under this pause until
 * it expires. Only ever lengthens a pause (two 429s of different lengths: the longer one wins).
 * KEYS[1] the pause key (queue-wide, or one key's)   ARGV[1] ms
 * Returns {ms left on the pause, 0}.
 */
export const BACK_OFF = luaScript(
  'back-off',
  `
local ms = tonumber(ARGV[1])
local left = redis.call('PTTL', KEYS[1])
if left < ms then
  redis.call('SET', KEYS[1], '1', 'PX', ms)
  left = ms
end
return {left, 0}
`,
);
