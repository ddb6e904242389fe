/**
 * The shape every API codec has: one ApiCodec per (api, version), grouped into an ApiFamily.
 * Codecs encode/decode the message body only; headers live in header.ts.
 */
import type { Reader } from './reader.js';
import type { Writer } from './writer.js';

export interface ApiCodec<Req, Res> {
  name: string;
  apiKey: number;
  version: number;
  /** Flexible (KIP-482) version: request header v2, response header v1 (ApiVersions excepted). */
  flexible: boolean;
  encodeRequest(w: Writer, req: Req): void;
  decodeRequest(r: Reader): Req;
  encodeResponse(w: Writer, res: Res): void;
  decodeResponse(r: Reader): Res;
}

export interface ApiFamily<Req, Res> {
  name: string;
  apiKey: number;
  /** Ascending by version. */
  codecs: readonly ApiCodec<Req, Res>[];
}

/** The codec for `version`, or undefined when the family doesn't implement it. */
export function codecFor<Req, Res>(
  family: ApiFamily<Req, Res>,
  version: number,
): ApiCodec<Req, Res> | undefined {
  for (const c of family.codecs) if (c.version === version) return c;
  return undefined;
}

/**
 * Highest version we implement inside the broker's [min, max] range, or undefined if none:
 * the client negotiates with this after ApiVersions.
 */
export function pickVersion(
  family: ApiFamily<unknown, unknown>,
  min: number,
  max: number,
): number | undefined {
  for (let i = family.codecs.length - 1; i >= 0; i--) {
    const v = family.codecs[i]!.version;
    if (v >= min && v <= max) return v;
  }
  return undefined;
}
