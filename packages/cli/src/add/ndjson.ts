import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface JobLine {
  name: string;
  data: unknown;
  opts: Record<string, unknown> | undefined;
}

export interface LineProblem {
  line: number;
  message: string;
}

export interface ParsedJobFile {
  jobs: JobLine[];
  /** 1-based file line of each entry of `jobs`. */
  lineNumbers: number[];
  problems: LineProblem[];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads NDJSON, one job per line: `{"name"?: string, "data": any, "opts"?: {...}}`. Blank lines are
 * skipped; every other line that is not such an object is reported with its 1-based line number.
 */
export async function readJobFile(path: string, defaultName: string): Promise<ParsedJobFile> {
  const jobs: JobLine[] = [];
  const lineNumbers: number[] = [];
  const problems: LineProblem[] = [];
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      problems.push({ line, message: `not JSON (${(error as Error).message})` });
      continue;
    }
    if (!isPlainObject(value) || !('data' in value)) {
      problems.push({ line, message: 'expected an object with a "data" field' });
      continue;
    }
    if (value.name !== undefined && typeof value.name !== 'string') {
      problems.push({ line, message: '"name" must be a string' });
      continue;
    }
    if (value.opts !== undefined && !isPlainObject(value.opts)) {
      problems.push({ line, message: '"opts" must be an object' });
      continue;
    }
    jobs.push({ name: value.name ?? defaultName, data: value.data, opts: value.opts });
    lineNumbers.push(line);
  }
  return { jobs, lineNumbers, problems };
}
