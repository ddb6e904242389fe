/**
 * GET /api/queues/:q/stream — the queue page's live feed (server-sent events) instead of polling: every
 * `intervalMs` the queue's snapshot (counts, rates with the last hour per minute, partitions, workers,
 * stuck jobs, activity) is pushed as `event: snapshot` when it changed; a comment line keeps idle proxies
 * from closing the connection. Open pages share the snapshotter's one broker read per period.
 * A failed read is sent as `event: failure` ({ code, message }) and the stream goes on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { QueueHandle } from '../data/queue-registry.js';
import { errorResponse } from '../http/respond.js';

const KEEPALIVE_MS = 15_000;

export function streamSnapshots(
  queue: QueueHandle,
  req: IncomingMessage,
  res: ServerResponse,
  intervalMs: number,
  logger: Logger | undefined,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
  });
  res.write(`retry: ${intervalMs}\n\n`);
  let lastAt = 0;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let lastWrite = Date.now();
  const send = (event: string, data: unknown) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    lastWrite = Date.now();
  };
  const tick = async () => {
    if (closed) return;
    try {
      const snapshot = await queue.snapshotter.snapshot();
      if (!closed && snapshot.at !== lastAt) {
        lastAt = snapshot.at;
        send('snapshot', snapshot);
      }
    } catch (error) {
      if (!closed) send('failure', errorResponse(error, logger).body.error);
    }
    if (!closed && Date.now() - lastWrite > KEEPALIVE_MS) {
      res.write(': keep-alive\n\n');
      lastWrite = Date.now();
    }
    if (!closed) timer = setTimeout(() => void tick(), intervalMs);
  };
  const stop = () => {
    closed = true;
    clearTimeout(timer);
  };
  req.on('close', stop);
  res.on('close', stop);
  void tick();
}
