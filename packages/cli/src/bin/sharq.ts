#!/usr/bin/env node
import { processOutput } from '../output.js';
import { runCli } from '../run.js';
import { exitQuietlyOnClosedPipe } from './closed-pipe.js';

exitQuietlyOnClosedPipe(process.stdout);
// The CLI owns the process: it alone sets the exit code (library code never calls process.exit).
process.exitCode = await runCli(process.argv.slice(2), processOutput);
