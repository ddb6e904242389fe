import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A Lua script run with EVALSHA (EVAL once when the server does not know it yet). */
export interface LuaScript {
  readonly name: string;
  readonly lua: string;
  readonly sha: string;
}

export function luaScript(name: string, lua: string): LuaScript {
  return { name, lua, sha: createHash('sha1').update(lua).digest('hex') };
}

/**
 * Runs `script` on `client`. EVALSHA first (no script text on the wire); a server that lost its script
 * cache (restart, SCRIPT FLUSH, failover) answers NOSCRIPT, and we send the text once with EVAL.
 * No defineCommand: the client may be the user's own instance, which we must not modify.
 */
export async function runScript(
  client: Redis,
  script: LuaScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await client.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return await client.eval(script.lua, keys.length, ...keys, ...args);
  }
}

/** The {count, ms} pair every limiter script answers with. */
export function pair(reply: unknown, script: LuaScript): [number, number] {
  if (Array.isArray(reply) && typeof reply[0] === 'number' && typeof reply[1] === 'number') {
    return [reply[0], reply[1]];
  }
  throw new TypeError(`limiter script ${script.name} answered ${JSON.stringify(reply)}`);
}
