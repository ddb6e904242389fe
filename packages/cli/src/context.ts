import type { Logger } from 'pino';
import type { Output } from './output.js';

/** Options given before the command (`sharq --config f --log-level debug <command>`), filled in before it runs. */
export interface GlobalSettings {
  configPath: string | undefined;
  logLevel: string | undefined;
}

/** What every command gets: where to write, the global settings, and a logger built from them. */
export interface CliContext {
  output: Output;
  settings: GlobalSettings;
  logger(): Logger;
}
