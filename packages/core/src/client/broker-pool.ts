/**
 * One live connection per broker address, opened on demand, with ApiVersions run on each new one.
 *
 * A failed attempt schedules the next one with exponential backoff and jitter; callers that need the
 * broker wait (see Cluster.link) until it is due or their deadline passes. A connection that dies is
 * forgotten at once, and the first reconnect is immediate: a broker restart costs one failed attempt
 * plus backoff, not a stale socket.
 */
import { ClosedError, ConnectionError, DecodeError, TimeoutError, toError } from '../errors.js';
import { apiVersionsV3, apiVersionsV4 } from '../protocol/apis/api-versions/index.js';
import type { ApiVersionsRequest, ApiVersionsResponse } from '../protocol/apis/api-versions/types.js';
import { backoffDelay, sleep } from './backoff.js';
import { BrokerConnectionError, Connection } from './connection.js';
import { brokerError } from './errors.js';
import { type CompiledClusterOptions, splitHostPort } from './options.js';

export interface BrokerLink {
  readonly address: string;
  readonly connection: Connection;
  readonly versions: ApiVersionsResponse;
}

interface Entry {
  link: BrokerLink | undefined;
  connecting: Promise<BrokerLink> | undefined;
  failures: number;
  retryAt: number;
  lastError: Error | undefined;
  /** Versions from the last successful handshake (kept while disconnected, for brokerVersions()). */
  versions: ApiVersionsResponse | undefined;
}

const CLIENT_SOFTWARE: ApiVersionsRequest = { clientSoftwareName: 'sharq', clientSoftwareVersion: '0.1.0' };

export class BrokerPool {
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  constructor(private readonly options: CompiledClusterOptions) {}

  private entry(address: string): Entry {
    let entry = this.entries.get(address);
    if (!entry) {
      entry = {
        link: undefined,
        connecting: undefined,
        failures: 0,
        retryAt: 0,
        lastError: undefined,
        versions: undefined,
      };
      this.entries.set(address, entry);
    }
    return entry;
  }

  /** The live link to `address`, if there is one. */
  ready(address: string): BrokerLink | undefined {
    const link = this.entries.get(address)?.link;
    return link?.connection.isReady ? link : undefined;
  }

  /** When the next attempt to `address` is allowed (0 = now). */
  retryAt(address: string): number {
    const entry = this.entries.get(address);
    return entry?.connecting ? 0 : (entry?.retryAt ?? 0);
  }

  lastError(address: string): Error | undefined {
    return this.entries.get(address)?.lastError;
  }

  versions(address: string): ApiVersionsResponse | undefined {
    return this.entries.get(address)?.versions;
  }

  /** In-flight requests on `address` (to spread 'any' traffic). */
  load(address: string): number {
    return this.ready(address)?.connection.pendingRequests ?? Number.POSITIVE_INFINITY;
  }

  /** Connects (or joins the attempt already under way). Never waits for backoff: the caller does. */
  connect(address: string, deadline: number): Promise<BrokerLink> {
    if (this.closed) return Promise.reject(new ClosedError('Cluster'));
    const entry = this.entry(address);
    const live = this.ready(address);
    if (live) return Promise.resolve(live);
    if (!entry.connecting) {
      entry.connecting = this.open(address, entry, deadline).finally(() => {
        entry.connecting = undefined;
      });
    }
    return entry.connecting;
  }

  private async open(address: string, entry: Entry, deadline: number): Promise<BrokerLink> {
    // A lane's key is "host:port#lane" (Cluster SendOptions.lane): same broker, its own connection.
    const at = address.indexOf('#');
    const { host, port } = splitHostPort(at < 0 ? address : address.slice(0, at));
    const budget = Math.max(1, Math.min(this.options.connectTimeoutMs, deadline - Date.now()));
    const connection = new Connection({
      host,
      port,
      clientId: this.options.clientId,
      ssl: this.options.ssl,
      sasl: this.options.sasl,
      connectTimeoutMs: budget,
      requestTimeoutMs: this.options.requestTimeoutMs,
      onClose: () => {
        if (entry.link?.connection === connection) entry.link = undefined;
      },
    });
    try {
      await connection.connect();
      const versions = await this.handshake(connection, budget);
      const link: BrokerLink = { address, connection, versions };
      if (this.closed) {
        await connection.close();
        throw new ClosedError('Cluster');
      }
      entry.link = link;
      entry.versions = versions;
      entry.failures = 0;
      entry.retryAt = 0;
      entry.lastError = undefined;
      return link;
    } catch (error) {
      connection.destroy(toError(error));
      entry.failures += 1;
      entry.retryAt =
        Date.now() +
        backoffDelay(entry.failures, this.options.retryBackoffMs, this.options.retryBackoffMaxMs);
      entry.lastError = toError(error);
      throw error;
    }
  }

  /**
   * ApiVersions v4, falling back to v3 (same wire shape) when the broker answers in the v0 error format
   * (it does that for a version it does not know). The response header is v0 either way.
   */
  private async handshake(connection: Connection, timeoutMs: number): Promise<ApiVersionsResponse> {
    let versions: ApiVersionsResponse;
    try {
      versions = await connection.request(apiVersionsV4, CLIENT_SOFTWARE, timeoutMs);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      versions = await connection.request(apiVersionsV3, CLIENT_SOFTWARE, timeoutMs);
    }
    if (versions.errorCode !== 0)
      throw brokerError(versions.errorCode, `ApiVersions from ${connection.address}`);
    return versions;
  }

  /** A live link to one of `candidates` (least loaded), connecting with backoff until `deadline`. */
  async acquire(candidates: string[], deadline: number): Promise<BrokerLink> {
    for (;;) {
      if (this.closed) throw new ClosedError('Cluster');
      let best: BrokerLink | undefined;
      for (const address of candidates) {
        const ready = this.ready(address);
        if (ready && (!best || this.load(address) < this.load(best.address))) best = ready;
      }
      if (best) return best;
      for (const address of candidates) {
        if (this.retryAt(address) > Date.now()) continue;
        try {
          return await this.connect(address, deadline);
        } catch (error) {
          if (!(error instanceof ConnectionError || error instanceof TimeoutError)) throw error;
        }
      }
      const next = Math.min(...candidates.map((a) => this.retryAt(a)));
      if (next >= deadline || Date.now() >= deadline) {
        const cause = candidates.map((a) => this.lastError(a)).find((e) => e !== undefined);
        throw new BrokerConnectionError(
          candidates.join(','),
          `no connection to ${candidates.join(', ')} before the request deadline${cause ? `: ${cause.message}` : ''}`,
          false,
          { cause },
        );
      }
      await sleep(next - Date.now());
    }
  }

  /** Closes one address's connection (e.g. a node whose address changed). */
  async drop(address: string): Promise<void> {
    const entry = this.entries.get(address);
    this.entries.delete(address);
    await entry?.link?.connection.close();
  }

  /** Closes and forgets every connection of `lane`. */
  async dropLane(lane: string): Promise<void> {
    const suffix = `#${lane}`;
    const keys = [...this.entries.keys()].filter((key) => key.endsWith(suffix));
    await Promise.all(keys.map((key) => this.drop(key)));
  }

  async close(): Promise<void> {
    this.closed = true;
    const links = [...this.entries.values()].map((e) => e.link?.connection.close());
    this.entries.clear();
    await Promise.all(links);
  }
}
