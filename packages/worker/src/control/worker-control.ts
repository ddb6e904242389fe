/**
 * The control plane a Worker carries beside its pool: the pause gate (fed by the queue's pause flag and by
 * worker.pause()), the watcher of the queue's control topic, and the queue's scheduler runner. Attached
 * once the worker is connected — the queue's pause state is read before the pool's first acquisition, so a
 * worker started while the queue is paused starts nothing — and stopped first when it closes.
 */
import {
  type Engine,
  QueueOrderingMismatchError,
  QueuePauseWatcher,
  type QueueTopology,
  type SchedulerRunner,
  type ShareConsumer,
  toError,
} from '@sharq/core';
import { startSchedulerRunner } from '../schedule/start-scheduler.js';
import type { AcquireGate } from './pause-gate.js';
import { PauseGate } from './pause-gate.js';

/** The pool's side of the gate (runtime/pool.ts). */
export interface GatedPool {
  acquireGate: AcquireGate;
  gateChanged(): void;
}

export interface AttachOptions {
  engine: Engine;
  topology: QueueTopology;
  workerId: string;
  pool: GatedPool;
  consumer: ShareConsumer;
  /** The worker's ordering: a share-group worker stops when the queue is declared key-ordered under it. */
  ordering?: 'share' | 'key';
  onError: (error: Error) => void;
}

export class WorkerControl {
  readonly gate = new PauseGate();
  #watcher: QueuePauseWatcher | undefined;
  #runner: SchedulerRunner | undefined;
  #unsubscribe: (() => void) | undefined;

  async attach(options: AttachOptions): Promise<void> {
    const { engine, topology, pool } = options;
    const watcher = new QueuePauseWatcher(engine, topology);
    this.#watcher = watcher;
    await watcher.start();
    this.gate.set('queue', watcher.isPaused());
    watcher.onChange((paused) => this.gate.set('queue', paused));
    if (options.ordering !== 'key') {
      watcher.onOrdering((record) => {
        if (this.gate.isPausedBy('ordering')) return;
        // Acquiring on would break the order the key-ordered workers keep: stop, and say why.
        this.gate.set('ordering', true);
        options.onError(
          new QueueOrderingMismatchError(
            topology.queue,
            'key',
            'share',
            `the queue was declared key-ordered (by ${record.by || 'unknown'}) while this share-group worker ran: it stopped acquiring; close it and start workers with ordering: 'key' (CLI: sharq worker --ordering key)`,
          ),
        );
      });
    }
    pool.acquireGate = this.gate;
    if (watcher.isPaused() && engine.kind === 'kafka') joinShareGroup(options.consumer, options.onError);
    this.#unsubscribe = this.gate.onChange(() => pool.gateChanged());
    this.#runner = await startSchedulerRunner(engine, topology, options.workerId, options.onError);
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    await Promise.all([this.#runner?.stop(), this.#watcher?.close()]);
  }
}

/**
 * A Kafka share consumer joins its group on its first poll. A worker started while the queue is paused
 * makes none, so without this its first job after resume() would wait for the join (~1.5 s on the dev
 * broker). A poll with an aborted signal joins and returns what is buffered — nothing, as nothing was
 * fetched. (The embedded engine has no join, and its poll acquires directly: not called there.)
 */
function joinShareGroup(consumer: ShareConsumer, onError: (error: Error) => void): void {
  consumer.poll(1, { signal: AbortSignal.abort() }).catch((error: unknown) => {
    onError(toError(error));
  });
}
