/**
 * Element codecs for arrays of primitives, shared by the generated API codecs
 * (module-level functions, so no closure is created per array).
 */
import { ValidationError } from '../../errors.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

export const EMPTY_BUFFER: Buffer = Buffer.alloc(0);
export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

/** A field nullable in some versions of an API but not in the one being encoded. */
export function required<T>(value: T | null, field: string): T {
  if (value === null) throw new ValidationError(`${field} cannot be null in this API version`);
  return value;
}

export const writeInt8Item = (w: Writer, v: number): void => void w.int8(v);
export const readInt8Item = (r: Reader): number => r.readInt8();
export const writeInt16Item = (w: Writer, v: number): void => void w.int16(v);
export const readInt16Item = (r: Reader): number => r.readInt16();
export const writeInt32Item = (w: Writer, v: number): void => void w.int32(v);
export const readInt32Item = (r: Reader): number => r.readInt32();
export const writeInt64Item = (w: Writer, v: number): void => void w.int64(v);
export const readInt64Item = (r: Reader): number => r.readInt64();
export const writeUuidItem = (w: Writer, v: string): void => void w.uuid(v);
export const readUuidItem = (r: Reader): string => r.readUuid();
export const writeStringItem = (w: Writer, v: string): void => void w.string(v);
export const readStringItem = (r: Reader): string => r.readString();
export const writeCompactStringItem = (w: Writer, v: string): void => void w.compactString(v);
export const readCompactStringItem = (r: Reader): string => r.readCompactString();
