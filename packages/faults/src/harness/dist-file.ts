import { fileURLToPath } from 'node:url';

/**
 * A built file of this package (child process entry points, the processor module). Resolved against the
 * package root so it works both from dist/ and from src/ under vitest: child processes always run the build.
 */
export function distFile(relative: string): string {
  return fileURLToPath(new URL(`../../dist/${relative}`, import.meta.url));
}
