// Minimal typings for the two untyped compression packages we use (only what we call).

declare module 'snappyjs' {
  /** Raw snappy block decode; throws if the declared length exceeds maxLength. */
  export function uncompress(compressed: Buffer, maxLength?: number): Buffer;
  export function compress(uncompressed: Buffer): Buffer;
}

declare module 'lz4js' {
  /** Decode one LZ4 block src[sIndex, sIndex+sLength) into dst at dIndex; returns the new dIndex. */
  export function decompressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    sIndex: number,
    sLength: number,
    dIndex: number,
  ): number;
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
