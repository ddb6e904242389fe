import { expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import {
  saslAuthenticateApi,
  saslAuthenticateV2,
} from '../../../src/protocol/apis/sasl-authenticate/index.js';
import { Reader } from '../../../src/protocol/reader.js';
import { encodeResponse, roundTrip } from './client-codec-helpers.js';

const res = {
  errorCode: 0,
  errorMessage: null,
  authBytes: Buffer.from('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='),
  sessionLifetimeMs: 3_600_000,
};

it('SaslAuthenticate v2 round-trips (flexible)', () => {
  const req = { authBytes: Buffer.from('\0user\0pencil') };
  const out = roundTrip(saslAuthenticateV2, req, res);
  expect(out.req.authBytes.equals(req.authBytes)).toBe(true);
  expect(out.res).toEqual(res);
  const failed = {
    errorCode: 58,
    errorMessage: 'bad password',
    authBytes: Buffer.alloc(0),
    sessionLifetimeMs: 0,
  };
  expect(roundTrip(saslAuthenticateV2, req, failed).res).toEqual(failed);
  expect(saslAuthenticateApi.codecs.map((c) => [c.apiKey, c.version, c.flexible])).toEqual([[36, 2, true]]);
});

it('SaslAuthenticate v2 throws DecodeError on truncation', () => {
  const bytes = encodeResponse(saslAuthenticateV2, res);
  for (let n = 0; n < bytes.length; n++) {
    expect(() => saslAuthenticateV2.decodeResponse(new Reader(bytes.subarray(0, n)))).toThrow(DecodeError);
  }
});
