/**
 * A bare TCP connection for testing codecs against the real broker without the client layer:
 * size-prefixed frames, correlation ids, one codec per request.
 */
import { connect, type Socket } from 'node:net';
import type { ApiCodec } from '../../../src/protocol/api.js';
import { decodeResponseFrame, encodeRequestFrame } from '../../../src/protocol/frame.js';

export class RawConnection {
  private buffered = Buffer.alloc(0);
  private nextId = 1;
  private readonly waiting = new Map<number, (frame: Buffer) => void>();

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      while (this.buffered.length >= 4) {
        const size = this.buffered.readInt32BE(0);
        if (this.buffered.length < 4 + size) break;
        const frame = this.buffered.subarray(4, 4 + size);
        this.buffered = this.buffered.subarray(4 + size);
        const id = frame.readInt32BE(0);
        this.waiting.get(id)?.(frame);
        this.waiting.delete(id);
      }
    });
  }

  static open(broker: string): Promise<RawConnection> {
    const [host, port] = broker.split(':');
    return new Promise((resolve, reject) => {
      const socket = connect({ host: host ?? '127.0.0.1', port: Number(port) }, () =>
        resolve(new RawConnection(socket)),
      );
      socket.once('error', reject);
    });
  }

  send<Req, Res>(codec: ApiCodec<Req, Res>, req: Req): Promise<Res> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (frame) => {
        try {
          resolve(decodeResponseFrame(codec, frame).body);
        } catch (err) {
          reject(err);
        }
      });
      this.socket.write(encodeRequestFrame(codec, id, 'sharq-protocol-test', req));
    });
  }

  close(): void {
    this.socket.destroy();
  }
}
