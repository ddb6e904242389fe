/**
 * Errors the dashboard answers with. Each maps to an HTTP status and travels to the page as
 * JSON { error: { code, message } }; the code is stable, the message is for people.
 */
import { SharqError, type SharqErrorCode } from '@sharq/core';

export class HttpError extends SharqError {
  readonly status: number;
  constructor(status: number, code: SharqErrorCode, message: string) {
    super(code, message);
    this.status = status;
  }
}

export const unauthorized = () =>
  new HttpError(
    401,
    'UNAUTHORIZED',
    'sign in with the dashboard token (login form or Authorization: Bearer)',
  );
export const forbidden = (code: SharqErrorCode, message: string) => new HttpError(403, code, message);
export const notFound = (what: string) => new HttpError(404, 'NOT_FOUND', `${what} not found`);
export const queueNotFound = (queue: string) =>
  new HttpError(404, 'QUEUE_NOT_FOUND', `no queue ${JSON.stringify(queue)} on this dashboard`);
export const methodNotAllowed = (allowed: readonly string[]) =>
  new HttpError(405, 'METHOD_NOT_ALLOWED', `use ${allowed.join(' or ')}`);
export const payloadTooLarge = (limit: number) =>
  new HttpError(413, 'PAYLOAD_TOO_LARGE', `request body is larger than ${limit} bytes`);
export const unsupportedMediaType = () =>
  new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
export const badJson = () => new HttpError(400, 'BAD_JSON', 'request body is not valid JSON');
