import { describe, expect, it } from 'vitest';
import { FrameDecoder } from '../../src/client/frame-decoder.js';
import { DecodeError } from '../../src/errors.js';

function frame(body: string): Buffer {
  const payload = Buffer.from(body);
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);
  return Buffer.concat([size, payload]);
}

function collect(decoder: FrameDecoder, chunks: Buffer[]): string[] {
  const out: string[] = [];
  for (const chunk of chunks) decoder.push(chunk, (f) => out.push(f.toString()));
  return out;
}

describe('FrameDecoder', () => {
  const stream = Buffer.concat([frame('alpha'), frame(''), frame('b'.repeat(1000)), frame('gamma')]);
  const expected = ['alpha', '', 'b'.repeat(1000), 'gamma'];

  it('splits coalesced frames from one chunk', () => {
    expect(collect(new FrameDecoder(), [stream])).toEqual(expected);
  });

  it('reassembles frames from every possible split point, and byte by byte', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      const decoder = new FrameDecoder();
      expect(collect(decoder, [stream.subarray(0, cut), stream.subarray(cut)]), `cut ${cut}`).toEqual(
        expected,
      );
      expect(decoder.pending).toBe(0);
    }
    const bytes = [...stream].map((b) => Buffer.from([b]));
    expect(collect(new FrameDecoder(), bytes)).toEqual(expected);
  });

  it('returns a frame inside one chunk as a view, without copying', () => {
    const chunk = frame('viewed');
    let seen: Buffer | undefined;
    new FrameDecoder().push(chunk, (f) => {
      seen = f;
    });
    expect(seen?.buffer).toBe(chunk.buffer);
  });

  it('keeps a partial frame pending until the rest arrives', () => {
    const decoder = new FrameDecoder();
    const f = frame('partial');
    expect(collect(decoder, [f.subarray(0, 6)])).toEqual([]);
    expect(decoder.pending).toBe(2); // the size prefix is consumed, 2 body bytes wait
    expect(collect(decoder, [f.subarray(6)])).toEqual(['partial']);
  });

  it('throws DecodeError on a negative or oversized size', () => {
    expect(() => new FrameDecoder().push(Buffer.from([0xff, 0xff, 0xff, 0xff]), () => {})).toThrow(
      DecodeError,
    );
    expect(() => new FrameDecoder(100).push(frame('x'.repeat(101)), () => {})).toThrow(DecodeError);
  });
});
