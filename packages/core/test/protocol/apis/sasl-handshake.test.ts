import { expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import { saslHandshakeApi, saslHandshakeV1 } from '../../../src/protocol/apis/sasl-handshake/index.js';
import { Reader } from '../../../src/protocol/reader.js';
import { encodeResponse, roundTrip } from './client-codec-helpers.js';

it('SaslHandshake v1 round-trips (not flexible)', () => {
  const req = { mechanism: 'SCRAM-SHA-512' };
  const res = { errorCode: 33, mechanisms: ['PLAIN', 'SCRAM-SHA-256'] };
  const out = roundTrip(saslHandshakeV1, req, res);
  expect(out).toEqual({ req, res });
  expect(saslHandshakeV1.flexible).toBe(false);
  expect(saslHandshakeApi.codecs.map((c) => [c.apiKey, c.version])).toEqual([[17, 1]]);
});

it('SaslHandshake v1 throws DecodeError on truncation', () => {
  const bytes = encodeResponse(saslHandshakeV1, { errorCode: 0, mechanisms: ['PLAIN'] });
  for (let n = 0; n < bytes.length; n++) {
    expect(() => saslHandshakeV1.decodeResponse(new Reader(bytes.subarray(0, n)))).toThrow(DecodeError);
  }
});
