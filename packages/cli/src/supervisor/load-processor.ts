import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Job } from '@sharq/core';
import { UsageError } from '../errors.js';

export type LoadedProcessor = (job: Job, context: { signal: AbortSignal }) => Promise<unknown>;

/** Loads a processor module: its default export, or a named export `process`. */
export async function loadProcessor(file: string): Promise<LoadedProcessor> {
  const url = pathToFileURL(resolve(file)).href;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`cannot load processor ${file}: ${(error as Error).message}`);
  }
  const candidate = typeof mod.default === 'function' ? mod.default : mod.process;
  if (typeof candidate !== 'function') {
    throw new UsageError(`processor ${file} must export a function as default or as "process"`);
  }
  return candidate as LoadedProcessor;
}
