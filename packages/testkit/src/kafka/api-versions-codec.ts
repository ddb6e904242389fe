/*
 * A self-contained ApiVersions v4 codec, just enough to ask a broker what it serves. The testkit cannot use
 * @sharq/core's protocol layer (core devDepends on the testkit), and a readiness probe should not depend
 * on the code under test anyway.
 *
 * ApiVersions Request (Version: 4) => client_software_name client_software_version _tagged_fields
 *   client_software_name => COMPACT_STRING
 *   client_software_version => COMPACT_STRING
 * Request Header (Version: 2) => request_api_key request_api_version correlation_id client_id _tagged_fields
 *   request_api_key => INT16   request_api_version => INT16   correlation_id => INT32   client_id => NULLABLE_STRING
 *
 * Response Header (Version: 0) => correlation_id          (ApiVersions always answers with header v0)
 * ApiVersions Response (Version: 4) => error_code [api_keys] throttle_time_ms _tagged_fields
 *   error_code => INT16
 *   api_keys => api_key min_version max_version _tagged_fields      (COMPACT_ARRAY)
 *     api_key => INT16   min_version => INT16   max_version => INT16
 *   throttle_time_ms => INT32
 *   tagged fields: 0 supported_features [name min_version max_version _tagged_fields]
 *                  1 finalized_features_epoch INT64
 *                  2 finalized_features [name max_version_level min_version_level _tagged_fields]
 *                  3 zk_migration_ready BOOLEAN
 */

import { TestkitError } from '../errors.js';

export const API_VERSIONS_KEY = 18;
export const API_VERSIONS_VERSION = 4;

export interface ApiVersionRange {
  readonly apiKey: number;
  readonly minVersion: number;
  readonly maxVersion: number;
}

export interface FeatureRange {
  readonly name: string;
  readonly minVersion: number;
  readonly maxVersion: number;
}

export interface ApiVersionsAnswer {
  readonly errorCode: number;
  readonly apiKeys: readonly ApiVersionRange[];
  readonly supportedFeatures: readonly FeatureRange[];
  /** -1 when the broker does not (yet) know its finalized features. */
  readonly finalizedFeaturesEpoch: number;
  /** Finalized (cluster-wide) feature levels: name → max version level. */
  readonly finalizedFeatures: Readonly<Record<string, number>>;
}

/** The full request frame, 4-byte size prefix included. */
export function encodeApiVersionsRequest(correlationId: number, clientId: string): Buffer {
  const clientIdBytes = Buffer.from(clientId, 'utf8');
  const software = Buffer.from('sharq-testkit', 'utf8');
  const softwareVersion = Buffer.from('1', 'utf8');
  const body = Buffer.concat([
    int16(API_VERSIONS_KEY),
    int16(API_VERSIONS_VERSION),
    int32(correlationId),
    int16(clientIdBytes.length),
    clientIdBytes,
    Buffer.from([0]), // header tagged fields
    Buffer.from([software.length + 1]),
    software,
    Buffer.from([softwareVersion.length + 1]),
    softwareVersion,
    Buffer.from([0]), // body tagged fields
  ]);
  return Buffer.concat([int32(body.length), body]);
}

/** Decodes a response frame without its size prefix (correlation id first). */
export function decodeApiVersionsResponse(frame: Buffer): {
  correlationId: number;
  answer: ApiVersionsAnswer;
} {
  const r = new FrameReader(frame);
  const correlationId = r.int32();
  const errorCode = r.int16();
  const apiKeys = r.compactArray(() => {
    const range = { apiKey: r.int16(), minVersion: r.int16(), maxVersion: r.int16() };
    r.skipTaggedFields();
    return range;
  });
  r.int32(); // throttle_time_ms
  let supportedFeatures: FeatureRange[] = [];
  let finalizedFeaturesEpoch = -1;
  const finalizedFeatures: Record<string, number> = {};
  const tagCount = r.unsignedVarint();
  for (let i = 0; i < tagCount; i++) {
    const tag = r.unsignedVarint();
    const size = r.unsignedVarint();
    const end = r.offset + size;
    if (tag === 0) {
      supportedFeatures = r.compactArray(() => {
        const feature = { name: r.compactString(), minVersion: r.int16(), maxVersion: r.int16() };
        r.skipTaggedFields();
        return feature;
      });
    } else if (tag === 1) {
      finalizedFeaturesEpoch = Number(r.int64());
    } else if (tag === 2) {
      r.compactArray(() => {
        const name = r.compactString();
        finalizedFeatures[name] = r.int16(); // max_version_level
        r.int16(); // min_version_level
        r.skipTaggedFields();
      });
    }
    r.seek(end);
  }
  return {
    correlationId,
    answer: { errorCode, apiKeys, supportedFeatures, finalizedFeaturesEpoch, finalizedFeatures },
  };
}

function int16(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeInt16BE(value);
  return b;
}

function int32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(value);
  return b;
}

/** Bounds-checked reads: a truncated or garbled answer throws a TestkitError, never a RangeError. */
class FrameReader {
  offset = 0;
  constructor(private readonly buf: Buffer) {}

  private need(bytes: number): void {
    if (this.offset + bytes > this.buf.length) {
      throw new TestkitError(
        'KAFKA_PROBE_FAILED',
        `ApiVersions response truncated at byte ${this.offset} (needed ${bytes} more)`,
      );
    }
  }

  seek(offset: number): void {
    if (offset > this.buf.length)
      throw new TestkitError(
        'KAFKA_PROBE_FAILED',
        'ApiVersions tagged field runs past the end of the response',
      );
    this.offset = offset;
  }

  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  int64(): bigint {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.offset);
    this.offset += 8;
    return v;
  }

  unsignedVarint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      this.need(1);
      const byte = this.buf[this.offset++]!;
      value |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value >>> 0;
    }
    throw new TestkitError('KAFKA_PROBE_FAILED', 'ApiVersions response has a malformed varint');
  }

  compactString(): string {
    const length = this.unsignedVarint() - 1;
    if (length < 0)
      throw new TestkitError(
        'KAFKA_PROBE_FAILED',
        'ApiVersions response has a null where a string is required',
      );
    this.need(length);
    const s = this.buf.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return s;
  }

  compactArray<T>(read: () => T): T[] {
    const length = this.unsignedVarint() - 1;
    if (length < 0) return [];
    if (length > this.buf.length - this.offset)
      throw new TestkitError('KAFKA_PROBE_FAILED', 'ApiVersions array longer than the response');
    const items: T[] = [];
    for (let i = 0; i < length; i++) items.push(read());
    return items;
  }

  skipTaggedFields(): void {
    const count = this.unsignedVarint();
    for (let i = 0; i < count; i++) {
      this.unsignedVarint();
      this.seek(this.offset + this.unsignedVarint());
    }
  }
}
