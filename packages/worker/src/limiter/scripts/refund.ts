import { NOW, refundTat } from './gcra.js';
import { luaScript } from './script.js';

/**
 * refund — permits taken by acquire but not used (the poll returned fewer records) go back.
 * KEYS[1] queue-wide TAT   ARGV[1] T (ms)   ARGV[2] count
 * Returns {count, 0}.
 */
export const REFUND = luaScript(
  'refund',
  `${NOW}
${refundTat('KEYS[1]', 'tonumber(ARGV[1])', 'tonumber(ARGV[2])')}
return {tonumber(ARGV[2]), 0}
`,
);
