/** JSON answers and the one place errors become HTTP: { error: { code, message, issues? } }. */
import type { ServerResponse } from 'node:http';
import { SharqError, ValidationError } from '@sharq/core';
import type { Logger } from 'pino';
import { HttpError } from '../errors.js';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

interface ErrorBody {
  error: { code: string; message: string; issues?: readonly { path: string; message: string }[] };
}

/** Status and body for any error; unexpected ones are logged and answered without internals. */
export function errorResponse(
  error: unknown,
  logger: Logger | undefined,
): { status: number; body: ErrorBody } {
  if (error instanceof HttpError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message } } };
  }
  if (error instanceof ValidationError) {
    return {
      status: 400,
      body: { error: { code: error.code, message: error.message, issues: error.issues } },
    };
  }
  if (error instanceof SharqError) {
    // Broker-side trouble (connection, timeout, Kafka error codes): the page shows it as is.
    const status = error.code === 'CONNECTION' || error.code === 'TIMEOUT' ? 503 : 502;
    logger?.warn({ err: error }, 'dashboard request failed');
    return { status, body: { error: { code: error.code, message: error.message } } };
  }
  logger?.error({ err: error }, 'dashboard request failed unexpectedly');
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: 'internal error (see the server log)' } },
  };
}

export function sendError(res: ServerResponse, error: unknown, logger: Logger | undefined): void {
  const { status, body } = errorResponse(error, logger);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof HttpError && error.status === 413) res.setHeader('connection', 'close');
  sendJson(res, status, body);
}
