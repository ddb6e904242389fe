#!/usr/bin/env node
// The committed entry point npm links as `sharq`. npm links a bin only if its file exists when `npm ci` runs, and
// the compiled CLI (dist/) does not exist on a fresh clone, so this file stays plain JavaScript and loads the
// build, or says how to make it.
import { existsSync } from 'node:fs';

const built = new URL('../dist/bin/sharq.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  process.stderr.write(
    'sharq: the CLI is not built yet. Run `npm run build` in the repository root, then try again.\n',
  );
  process.exitCode = 1;
}
