import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ValidationError, parseOptions } from '@sharq/core';
import { z } from 'zod';
import type { GlobalSettings } from './context.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** `sharq.config.json`: the lowest-precedence source (flags > environment > this file). */
export const configFileSchema = z.strictObject({
  brokers: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  logLevel: z.enum(LOG_LEVELS).optional(),
  redisUrl: z.string().url().optional(),
});

export type ConfigFile = z.output<typeof configFileSchema>;

export const DEFAULT_CONFIG_FILE = 'sharq.config.json';

/**
 * Loads the config file named by --config, else ./sharq.config.json if present, else nothing.
 * A named file that is missing, not JSON, or has a bad key is a ValidationError naming the file and key.
 */
export function loadConfigFile(settings: GlobalSettings, cwd = process.cwd()): ConfigFile {
  const named = settings.configPath ?? process.env.SHARQ_CONFIG;
  const path = resolve(cwd, named ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(path)) {
    if (named === undefined) return {};
    throw new ValidationError(`--config: ${path} does not exist`, [{ path: 'config', message: 'not found' }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ValidationError(`${path}: not JSON (${(error as Error).message})`, [
      { path: 'config', message: 'not JSON' },
    ]);
  }
  return parseOptions(configFileSchema, json, `${path}: `);
}
