/**
 * One socket to one broker, with request pipelining.
 *
 * Many requests are in flight at once; each gets a correlation id and the response is matched by it
 * (Kafka answers in order per connection, but matching by id keeps us honest). Timeouts are checked by
 * ONE interval sweep per connection, not a timer per request: a share-fetch hot path issues thousands
 * of requests a second. A timed-out request is rejected with TimeoutError and forgotten; its late answer
 * is dropped and the connection stays usable. A broken socket rejects everything in flight with
 * BrokerConnectionError and the connection is done (the cluster opens a new one).
 *
 * Writes issued in the same synchronous burst are corked into one syscall; when the socket's buffer is full
 * (write() returned false) frames wait in our queue until 'drain', and a request that times out
 * while still queued is never sent.
 */
import type net from 'node:net';
import type tls from 'node:tls';
import { ClosedError, ConnectionError, TimeoutError } from '../errors.js';
import type { ApiCodec } from '../protocol/api.js';
import { decodeResponseFrame, encodeRequestFrame } from '../protocol/frame.js';
import { Writer } from '../protocol/writer.js';
import { FrameDecoder } from './frame-decoder.js';
import { authenticate, type SaslOptions } from './sasl/authenticate.js';
import { openSocket } from './socket.js';

export interface ConnectionOptions {
  host: string;
  port: number;
  clientId: string;
  ssl?: tls.ConnectionOptions | true | undefined;
  sasl?: SaslOptions | undefined;
  connectTimeoutMs: number;
  /** Default per-request timeout. */
  requestTimeoutMs: number;
  /** How often the timeout sweep runs; timeouts fire up to this late. */
  sweepIntervalMs?: number;
  /** Called once when the connection is gone (error = why, undefined after close()). */
  onClose?: (error: Error | undefined) => void;
}

/** The broker connection failed. `requestSent` says whether this request may have reached the broker. */
export class BrokerConnectionError extends ConnectionError {
  readonly broker: string;
  readonly requestSent: boolean;
  constructor(broker: string, message: string, requestSent: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.broker = broker;
    this.requestSent = requestSent;
  }
}

interface Pending {
  correlationId: number;
  codec: ApiCodec<unknown, unknown>;
  deadline: number;
  timeoutMs: number;
  frame: Buffer | null; // non-null while queued, not yet handed to the socket
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class Connection {
  readonly address: string;
  private socket: net.Socket | undefined;
  private readonly decoder = new FrameDecoder();
  private readonly inFlight = new Map<number, Pending>();
  private readonly writeQueue: Pending[] = [];
  private writeBlocked = false;
  private corked = false;
  private nextCorrelationId = 1;
  private sweepTimer: NodeJS.Timeout | undefined;
  private state: 'new' | 'connecting' | 'authenticating' | 'ready' | 'closed' = 'new';
  private closeError: Error | undefined;
  private closed: Promise<void> | undefined;

  constructor(private readonly options: ConnectionOptions) {
    this.address = `${options.host}:${options.port}`;
  }

  get isReady(): boolean {
    return this.state === 'ready';
  }

  get pendingRequests(): number {
    return this.inFlight.size;
  }

  /** Opens the socket and authenticates (SASL) if configured. Call once. */
  async connect(): Promise<void> {
    if (this.state !== 'new')
      throw new ConnectionError(`connection to ${this.address} already ${this.state}`);
    this.state = 'connecting';
    const { host, port, ssl, connectTimeoutMs } = this.options;
    let socket: net.Socket;
    try {
      socket = await openSocket({ host, port, ssl, connectTimeoutMs });
    } catch (error) {
      this.state = 'closed';
      throw error;
    }
    if (this.state !== 'connecting') {
      // close() ran while the socket was opening.
      socket.destroy();
      throw new ClosedError(`connection to ${this.address}`);
    }
    this.attach(socket);
    this.state = 'authenticating';
    try {
      if (this.options.sasl) await authenticate(this, this.options.sasl);
    } catch (error) {
      this.destroy(error instanceof Error ? error : new ConnectionError(String(error)));
      throw error;
    }
    if (this.state === 'authenticating') this.state = 'ready';
    if (this.state !== 'ready') throw this.closeError ?? new ClosedError(`connection to ${this.address}`);
  }

  private attach(socket: net.Socket): void {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => this.onDrain());
    socket.on('error', (cause) => {
      this.destroy(
        new BrokerConnectionError(
          this.address,
          `connection to ${this.address} failed: ${cause.message}`,
          true,
          { cause },
        ),
      );
    });
    socket.on('close', () => {
      this.destroy(
        new BrokerConnectionError(this.address, `connection to ${this.address} closed by the broker`, true),
      );
    });
    const every = this.options.sweepIntervalMs ?? 100;
    this.sweepTimer = setInterval(() => this.sweep(), every);
    this.sweepTimer.unref();
  }

  /**
   * Sends one request and resolves with the decoded response body. Rejects with TimeoutError after
   * `timeoutMs` (default: the connection's requestTimeoutMs), BrokerConnectionError if the socket
   * breaks, DecodeError if the answer cannot be decoded (the connection stays usable).
   */
  request<Req, Res>(
    codec: ApiCodec<Req, Res>,
    req: Req,
    timeoutMs = this.options.requestTimeoutMs,
  ): Promise<Res> {
    // 'authenticating': the socket is attached and only the SASL exchange uses it.
    if (this.state !== 'ready' && this.state !== 'authenticating') {
      return Promise.reject(
        this.closeError
          ? new BrokerConnectionError(this.address, this.closeError.message, false, {
              cause: this.closeError,
            })
          : new ClosedError(`connection to ${this.address}`),
      );
    }
    const correlationId = this.nextCorrelationId;
    this.nextCorrelationId = correlationId === 0x7fffffff ? 1 : correlationId + 1;
    let frame: Buffer;
    try {
      frame = encodeRequestFrame(codec, correlationId, this.options.clientId, req, new Writer(256));
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<Res>((resolve, reject) => {
      const pending: Pending = {
        correlationId,
        codec: codec as ApiCodec<unknown, unknown>,
        deadline: Date.now() + timeoutMs,
        timeoutMs,
        frame,
        resolve: resolve as (value: unknown) => void,
        reject,
      };
      this.inFlight.set(correlationId, pending);
      if (this.writeBlocked) this.writeQueue.push(pending);
      else this.write(pending);
    });
  }

  private write(pending: Pending): void {
    const socket = this.socket!;
    if (!this.corked) {
      // Everything written in this synchronous burst leaves in one writev. Uncorked in a microtask, not
      // in process.nextTick: a nextTick queued from inside a promise chain runs only once the whole
      // microtask queue is empty, and a worker's fast jobs start each other in one long microtask run, so
      // a fetch (and the ACCEPTs riding on it) issued at the start of a batch left only after the batch.
      this.corked = true;
      socket.cork();
      queueMicrotask(() => {
        this.corked = false;
        socket.uncork();
      });
    }
    const frame = pending.frame!;
    pending.frame = null;
    if (!socket.write(frame)) this.writeBlocked = true;
  }

  private onDrain(): void {
    this.writeBlocked = false;
    while (!this.writeBlocked && this.writeQueue.length > 0) {
      const pending = this.writeQueue.shift()!;
      if (this.inFlight.get(pending.correlationId) === pending) this.write(pending);
    }
  }

  private onData(chunk: Buffer): void {
    try {
      this.decoder.push(chunk, (frame) => this.onFrame(frame));
    } catch (error) {
      // The stream itself is corrupt (bad size prefix): nothing after this point can be trusted.
      this.destroy(error instanceof Error ? error : new ConnectionError(String(error)));
    }
  }

  private onFrame(frame: Buffer): void {
    if (frame.length < 4)
      throw new ConnectionError(`response frame of ${frame.length} bytes from ${this.address}`);
    const pending = this.inFlight.get(frame.readInt32BE(0));
    if (pending === undefined) return; // answer to a request that already timed out
    this.inFlight.delete(pending.correlationId);
    let body: unknown;
    try {
      body = decodeResponseFrame(pending.codec, frame).body;
    } catch (error) {
      pending.reject(error instanceof Error ? error : new ConnectionError(String(error)));
      return;
    }
    pending.resolve(body);
  }

  private sweep(): void {
    if (this.inFlight.size === 0) return;
    const now = Date.now();
    for (const pending of this.inFlight.values()) {
      if (pending.deadline > now) continue;
      this.inFlight.delete(pending.correlationId);
      const where = pending.frame === null ? 'awaiting its response' : 'waiting for the socket to drain';
      pending.reject(
        new TimeoutError(
          `${pending.codec.name} v${pending.codec.version} to ${this.address} timed out after ${pending.timeoutMs} ms (${where})`,
        ),
      );
    }
  }

  /** Tears the connection down and rejects everything in flight with `error`. Idempotent. */
  destroy(error: Error): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.closeError = error;
    this.shutdown();
    for (const pending of this.inFlight.values()) {
      pending.reject(
        new BrokerConnectionError(this.address, error.message, pending.frame === null, { cause: error }),
      );
    }
    this.inFlight.clear();
    this.writeQueue.length = 0;
    this.options.onClose?.(error);
  }

  /** Closes the socket; requests still in flight are rejected with ClosedError. */
  close(): Promise<void> {
    if (this.closed) return this.closed;
    const socket = this.socket;
    this.closed = new Promise<void>((resolve) => {
      if (!socket || socket.destroyed) return resolve();
      socket.once('close', () => resolve());
      socket.end();
      // A peer that never answers our FIN must not keep close() pending.
      setTimeout(() => socket.destroy(), 1000).unref();
    });
    if (this.state !== 'closed') {
      this.state = 'closed';
      const error = new ClosedError(`connection to ${this.address}`);
      for (const pending of this.inFlight.values()) pending.reject(error);
      this.inFlight.clear();
      this.writeQueue.length = 0;
      if (this.sweepTimer) clearInterval(this.sweepTimer);
      this.options.onClose?.(undefined);
    }
    return this.closed;
  }

  private shutdown(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    this.socket?.destroy();
    this.decoder.reset();
  }
}
