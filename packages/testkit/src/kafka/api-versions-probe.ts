import { connect } from 'node:net';
import { TestkitError } from '../errors.js';
import {
  type ApiVersionsAnswer,
  decodeApiVersionsResponse,
  encodeApiVersionsRequest,
} from './api-versions-codec.js';

/**
 * Asks the broker at host:port what it serves, over a raw TCP connection (one request, one answer).
 * Rejects with KAFKA_PROBE_FAILED when nothing answers in time or the answer is not ApiVersions.
 */
export function probeApiVersions(host: string, port: number, timeoutMs = 5000): Promise<ApiVersionsAnswer> {
  return new Promise((resolve, reject) => {
    const correlationId = 0x5a5a;
    const socket = connect({ host, port });
    let received = Buffer.alloc(0);
    const fail = (message: string, cause?: unknown) => {
      socket.destroy();
      reject(
        new TestkitError('KAFKA_PROBE_FAILED', `ApiVersions probe of ${host}:${port}: ${message}`, { cause }),
      );
    };
    socket.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs} ms`));
    socket.on('error', (error) => fail(error.message, error));
    socket.on('close', () => fail('connection closed before a full answer'));
    socket.on('connect', () => socket.write(encodeApiVersionsRequest(correlationId, 'sharq-testkit-probe')));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4) return;
      const size = received.readInt32BE(0);
      if (received.length < 4 + size) return;
      socket.removeAllListeners('close');
      socket.destroy();
      try {
        const { correlationId: echoed, answer } = decodeApiVersionsResponse(received.subarray(4, 4 + size));
        if (echoed !== correlationId)
          fail(`answer carries correlation id ${echoed}, expected ${correlationId}`);
        else resolve(answer);
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error), error);
      }
    });
  });
}
