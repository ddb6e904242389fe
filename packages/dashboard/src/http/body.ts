/**
 * Request bodies: JSON only (application/json — which a cross-site form cannot send), at most
 * `limit` bytes (413 beyond, checked on Content-Length first and while streaming), validated by
 * a zod schema into a typed value (400 with the issues otherwise).
 */
import type { IncomingMessage } from 'node:http';
import { parseOptions } from '@sharq/core';
import type { z } from 'zod';
import { badJson, payloadTooLarge, unsupportedMediaType } from '../errors.js';

export async function readJsonBody<S extends z.ZodType>(
  req: IncomingMessage,
  schema: S,
  limit: number,
): Promise<z.output<S>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    throw unsupportedMediaType();
  }
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw payloadTooLarge(limit);
  }
  const text = await readLimited(req, limit);
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw badJson();
  }
  return parseOptions(schema, parsed, 'body');
}

function readLimited(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return; // keep draining so the 413 reaches the client
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        reject(payloadTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}
