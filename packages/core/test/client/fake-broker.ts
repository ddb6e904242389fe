/**
 * An in-process fake Kafka broker (net.Server) for client unit tests: decodes request frames with our
 * own codecs and answers through a per-API handler. A handler may answer later (return a promise),
 * never (return `undefined`), or act on the socket (split frames, die) through `FakeRequest`.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { ApiCodec, ApiFamily } from '../../src/protocol/api.js';
import { apiVersionsApi } from '../../src/protocol/apis/api-versions/index.js';
import { describeConfigsApi } from '../../src/protocol/apis/describe-configs/index.js';
import type { ApiVersionRange, ApiVersionsResponse } from '../../src/protocol/apis/api-versions/types.js';
import { findCoordinatorApi } from '../../src/protocol/apis/find-coordinator/index.js';
import { metadataApi } from '../../src/protocol/apis/metadata/index.js';
import type { MetadataResponse } from '../../src/protocol/apis/metadata/types.js';
import { saslAuthenticateApi } from '../../src/protocol/apis/sasl-authenticate/index.js';
import { saslHandshakeApi } from '../../src/protocol/apis/sasl-handshake/index.js';
import { decodeRequestFrame, encodeResponseFrame } from '../../src/protocol/frame.js';
import { FrameDecoder } from '../../src/client/frame-decoder.js';

export interface FakeRequest {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
  body: unknown;
  socket: net.Socket;
}

// biome-ignore lint/suspicious/noExplicitAny: handlers are per-API; the test knows each body's type
type AnyFamily = ApiFamily<any, any>;
export type Handler = (request: FakeRequest) => unknown | Promise<unknown> | undefined;

const FAMILIES: AnyFamily[] = [
  apiVersionsApi,
  metadataApi,
  findCoordinatorApi,
  saslHandshakeApi,
  saslAuthenticateApi,
  describeConfigsApi,
];

/** ApiVersions ranges of a 4.4 broker with share groups (keys 76-79), or without them. */
export function brokerApiKeys(withShareGroups = true): ApiVersionRange[] {
  const keys: ApiVersionRange[] = [
    { apiKey: 3, minVersion: 0, maxVersion: 13 },
    { apiKey: 10, minVersion: 0, maxVersion: 6 },
    { apiKey: 17, minVersion: 0, maxVersion: 1 },
    { apiKey: 18, minVersion: 0, maxVersion: 4 },
    { apiKey: 36, minVersion: 0, maxVersion: 2 },
  ];
  if (withShareGroups) {
    keys.push(
      { apiKey: 76, minVersion: 1, maxVersion: 1 },
      { apiKey: 77, minVersion: 1, maxVersion: 1 },
      { apiKey: 78, minVersion: 1, maxVersion: 2 },
      { apiKey: 79, minVersion: 1, maxVersion: 2 },
    );
  }
  return keys;
}

export function apiVersionsResponse(apiKeys = brokerApiKeys()): ApiVersionsResponse {
  return {
    errorCode: 0,
    apiKeys,
    throttleTimeMs: 0,
    supportedFeatures: [],
    finalizedFeaturesEpoch: 5,
    finalizedFeatures: [{ name: 'share.version', maxVersionLevel: 2, minVersionLevel: 2 }],
    zkMigrationReady: false,
  };
}

export class FakeBroker {
  readonly server: net.Server;
  readonly sockets = new Set<net.Socket>();
  readonly requests: FakeRequest[] = [];
  readonly handlers = new Map<number, Handler>();
  nodeId = 1;
  port = 0;

  /** `tlsOptions` (key, cert) makes it a TLS listener. */
  constructor(tlsOptions?: tls.TlsOptions) {
    this.server = tlsOptions
      ? tls.createServer(tlsOptions, (socket) => this.onSocket(socket))
      : net.createServer((socket) => this.onSocket(socket));
    this.handlers.set(18, () => apiVersionsResponse());
    this.handlers.set(3, () => this.metadata([]));
  }

  /** Listens on `port` (0 = any free port). */
  async listen(port = this.port): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** A metadata answer naming this broker as the only node and leader. */
  metadata(topics: MetadataResponse['topics']): MetadataResponse {
    return {
      throttleTimeMs: 0,
      brokers: [{ nodeId: this.nodeId, host: '127.0.0.1', port: this.port, rack: null }],
      clusterId: 'fake-cluster',
      controllerId: this.nodeId,
      topics,
      errorCode: 0,
    };
  }

  on(apiKey: number, handler: Handler): this {
    this.handlers.set(apiKey, handler);
    return this;
  }

  /** Drops every client connection (a broker crash, as the client sees it) but keeps listening. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  encode(request: FakeRequest, body: unknown): Buffer {
    const codec = codecOf(request.apiKey, request.apiVersion);
    return Buffer.from(encodeResponseFrame(codec, request.correlationId, body));
  }

  private onSocket(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => {});
    const decoder = new FrameDecoder();
    socket.on('data', (chunk: Buffer) => {
      decoder.push(chunk, (frame) => {
        void this.onFrame(socket, frame);
      });
    });
  }

  private async onFrame(socket: net.Socket, frame: Buffer): Promise<void> {
    const apiKey = frame.readInt16BE(0);
    const apiVersion = frame.readInt16BE(2);
    const codec = codecOf(apiKey, apiVersion);
    const { header, body } = decodeRequestFrame(codec, frame);
    const request: FakeRequest = { ...header, body, socket };
    this.requests.push(request);
    const handler = this.handlers.get(apiKey);
    if (!handler) throw new Error(`fake broker has no handler for api ${apiKey}`);
    const response = await handler(request);
    if (response === undefined || socket.destroyed) return;
    socket.write(this.encode(request, response));
  }
}

function codecOf(apiKey: number, version: number): ApiCodec<unknown, unknown> {
  const family = FAMILIES.find((f) => f.apiKey === apiKey);
  const codec = family?.codecs.find((c) => c.version === version);
  if (!codec) throw new Error(`fake broker cannot decode api ${apiKey} v${version}`);
  return codec;
}
