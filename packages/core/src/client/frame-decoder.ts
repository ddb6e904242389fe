/**
 * Splits a TCP byte stream into Kafka frames (`Size:INT32` + Size bytes).
 *
 * TCP hands us arbitrary chunks: a chunk may hold many frames (coalesced) or a slice of one (split).
 * Chunks are kept in a list, never appended to one growing buffer, so a large frame arriving in
 * many pieces costs one copy in total (at completion), not one per piece. A frame wholly inside one
 * chunk is returned as a zero-copy view of it.
 */
import { DecodeError } from '../errors.js';

/** Refuse absurd sizes before allocating: a corrupt or non-Kafka peer must not make us allocate 2 GiB. */
export const DEFAULT_MAX_FRAME_BYTES = 256 * 1024 * 1024;

export class FrameDecoder {
  private chunks: Buffer[] = [];
  /** Offset into chunks[0] of the first unconsumed byte. */
  private head = 0;
  /** Unconsumed bytes across all chunks. */
  private buffered = 0;
  /** Size of the frame being assembled, or -1 until its 4-byte prefix has arrived. */
  private need = -1;

  constructor(private readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {}

  /** Buffered bytes not yet returned (of a partial frame; a parsed size prefix is not counted). */
  get pending(): number {
    return this.buffered;
  }

  /** Feeds one chunk; calls `onFrame` with each frame body (size prefix stripped) it completes, in order. */
  push(chunk: Buffer, onFrame: (frame: Buffer) => void): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.need < 0) {
        if (this.buffered < 4) return;
        const size = this.readSize();
        if (size < 0 || size > this.maxFrameBytes) {
          throw new DecodeError(
            `frame size ${size} outside 0..${this.maxFrameBytes}: not a Kafka peer or corrupt stream`,
          );
        }
        this.need = size;
      }
      if (this.buffered < this.need) return;
      const frame = this.take(this.need);
      this.need = -1;
      onFrame(frame);
    }
  }

  private readSize(): number {
    const first = this.chunks[0]!;
    if (first.length - this.head >= 4) {
      const size = first.readInt32BE(this.head);
      this.consume(4);
      return size;
    }
    return this.take(4).readInt32BE(0);
  }

  /** Removes `n` bytes from the front; a view when they lie in one chunk, else one copy. */
  private take(n: number): Buffer {
    const first = this.chunks[0];
    if (n === 0) return Buffer.alloc(0);
    if (first && first.length - this.head >= n) {
      const view = first.subarray(this.head, this.head + n);
      this.consume(n);
      return view;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.chunks[0]!;
      const count = Math.min(n - filled, chunk.length - this.head);
      chunk.copy(out, filled, this.head, this.head + count);
      filled += count;
      this.consume(count);
    }
    return out;
  }

  private consume(n: number): void {
    this.head += n;
    this.buffered -= n;
    if (this.head === this.chunks[0]!.length) {
      this.chunks.shift();
      this.head = 0;
    }
  }

  reset(): void {
    this.chunks = [];
    this.head = 0;
    this.buffered = 0;
    this.need = -1;
  }
}
