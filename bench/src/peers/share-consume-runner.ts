/**
 * Parent side of share-consume-proc.ts: forks the child (node --cpu-prof into SHARQ_BENCH_CPU_PROF when
 * set), waits for its result, and kills it if it overruns its own timeout by a minute.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BenchError } from '../errors.js';
import type {
  ShareConsumeConfig,
  ShareConsumeMessage,
  ShareConsumeResult,
} from './share-consume-protocol.js';

const SCRIPT = fileURLToPath(new URL('./share-consume-proc.js', import.meta.url));

export function runShareConsumer(config: ShareConsumeConfig): Promise<ShareConsumeResult> {
  const profDir = process.env.SHARQ_BENCH_CPU_PROF;
  const execArgv = profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [];
  return new Promise((resolve, reject) => {
    const child = fork(SCRIPT, [JSON.stringify(config)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv,
    });
    let outcome: ShareConsumeMessage | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), config.timeoutMs + 60_000);
    child.on('message', (message: ShareConsumeMessage) => {
      outcome = message;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new BenchError('PEER_FAILED', `${config.system} share consumer: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (outcome?.type === 'result') resolve(outcome.result);
      else
        reject(
          new BenchError(
            'PEER_FAILED',
            `${config.system} share consumer ${outcome?.type === 'error' ? `failed: ${outcome.message}` : `exited with ${code ?? signal} without a result`}`,
          ),
        );
    });
  });
}
