import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uniqueName } from '@sharq/testkit';

export interface RunOptions {
  quick: boolean;
  /** Brokers of an existing cluster for scenarios that do not restart brokers (default: testBrokers()). */
  brokers?: string[];
  log?: (line: string) => void;
}

export interface Workspace {
  dir: string;
  ledger: string;
  queue: string;
}

export function workspace(scenario: string): Workspace {
  const dir = mkdtempSync(join(tmpdir(), `sharq-faults-${scenario}-`));
  return { dir, ledger: join(dir, 'ledger'), queue: uniqueName(`faults-${scenario}`) };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
