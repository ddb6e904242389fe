// Minimal typings for the untyped compression packages we encode with (only what we call).

declare module 'snappyjs' {
  /** Raw snappy block encode. */
  export function compress(uncompressed: Buffer): Buffer;
}

declare module 'lz4js' {
  /** Encode src[sIndex, sIndex+sLength) as one LZ4 block into dst; returns its size (0 = incompressible). */
  export function compressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    sIndex: number,
    sLength: number,
    hashTable: Uint32Array,
  ): number;
}

declare module 'lz4js/xxh32.js' {
  export function hash(seed: number, src: Uint8Array, index: number, len: number): number;
}
