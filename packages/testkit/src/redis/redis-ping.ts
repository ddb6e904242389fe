import { connect } from 'node:net';

/**
 * True when something speaking RESP answers a PING at host:port within `timeoutMs`. Any reply counts
 * (`+PONG`, or `-NOAUTH` from a password-protected server): the question is whether Redis is there.
 */
export function redisAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('*1\r\n$4\r\nPING\r\n'));
    socket.on('data', (chunk: Buffer) => done(chunk.length > 0 && (chunk[0] === 0x2b || chunk[0] === 0x2d)));
  });
}
