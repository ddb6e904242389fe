import type { Readable } from 'node:stream';

/** Calls `onLine` for every complete line a child process prints (a chunk may end mid-line). */
export function onLines(stream: Readable | null | undefined, onLine: (line: string) => void): void {
  let rest = '';
  stream?.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
}
