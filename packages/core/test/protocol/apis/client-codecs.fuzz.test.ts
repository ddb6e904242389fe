import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import type { ApiCodec } from '../../../src/protocol/api.js';
import { apiVersionsApi } from '../../../src/protocol/apis/api-versions/index.js';
import { findCoordinatorApi } from '../../../src/protocol/apis/find-coordinator/index.js';
import { metadataApi } from '../../../src/protocol/apis/metadata/index.js';
import { saslAuthenticateApi } from '../../../src/protocol/apis/sasl-authenticate/index.js';
import { saslHandshakeApi } from '../../../src/protocol/apis/sasl-handshake/index.js';
import { Reader } from '../../../src/protocol/reader.js';

const codecs: ApiCodec<unknown, unknown>[] = [
  apiVersionsApi,
  metadataApi,
  findCoordinatorApi,
  saslHandshakeApi,
  saslAuthenticateApi,
].flatMap((family) => family.codecs as ApiCodec<unknown, unknown>[]);

describe.each(codecs.map((c) => [`${c.name} v${c.version}`, c] as const))(
  '%s fed random bytes',
  (_, codec) => {
    it('decodes or throws DecodeError, never anything else', () => {
      for (let i = 0; i < 2000; i++) {
        const bytes = randomBytes(i % 64);
        for (const decode of [codec.decodeResponse, codec.decodeRequest]) {
          try {
            decode(new Reader(bytes));
          } catch (error) {
            expect(error).toBeInstanceOf(DecodeError);
          }
        }
      }
    });
  },
);
