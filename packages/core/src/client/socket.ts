/**
 * Opens the TCP or TLS socket to one broker, bounded by a connect timeout. Nagle is off: requests
 * are small and latency-bound, and Connection batches its own writes per tick with cork/uncork.
 */
import net from 'node:net';
import tls from 'node:tls';
import { ConnectionError, SharqError } from '../errors.js';

/**
 * The TLS handshake failed on the certificate or protocol (untrusted CA, wrong host name, no common
 * cipher). Retrying cannot fix configuration, so this is not a ConnectionError: callers fail fast.
 */
export class TlsError extends SharqError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('TLS', message, options);
  }
}

function isTlsFailure(cause: Error & { code?: string }): boolean {
  const code = cause.code ?? '';
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|^ERR_TLS|^ERR_SSL|HOSTNAME|ALTNAME/.test(code);
}

export interface SocketTarget {
  host: string;
  port: number;
  /** true = TLS with Node's defaults (system CAs, SNI = host); an object = extra tls.connect options. */
  ssl?: tls.ConnectionOptions | true | undefined;
  connectTimeoutMs: number;
}

export function openSocket(target: SocketTarget): Promise<net.Socket> {
  const { host, port, ssl, connectTimeoutMs } = target;
  const where = `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket: net.Socket = ssl
      ? tls.connect({
          host,
          port,
          ...(net.isIP(host) === 0 ? { servername: host } : {}),
          ...(ssl === true ? {} : ssl),
        })
      : net.connect({ host, port });
    const readyEvent = ssl ? 'secureConnect' : 'connect';
    const timer = setTimeout(() => {
      fail(new ConnectionError(`connecting to ${where} timed out after ${connectTimeoutMs} ms`));
    }, connectTimeoutMs);
    const onError = (cause: Error & { code?: string }): void => {
      if (ssl && isTlsFailure(cause))
        fail(new TlsError(`TLS handshake with ${where} failed: ${cause.message}`, { cause }));
      else fail(new ConnectionError(`cannot connect to ${where}: ${cause.message}`, { cause }));
    };
    const onClose = (): void => {
      fail(new ConnectionError(`connection to ${where} closed while connecting`));
    };
    function cleanup(): void {
      clearTimeout(timer);
      socket.off('error', onError);
      socket.off('close', onClose);
      socket.off(readyEvent, onReady);
    }
    function fail(error: SharqError): void {
      cleanup();
      socket.destroy();
      reject(error);
    }
    function onReady(): void {
      cleanup();
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 60_000);
      resolve(socket);
    }
    socket.once('error', onError);
    socket.once('close', onClose);
    socket.once(readyEvent, onReady);
  });
}
