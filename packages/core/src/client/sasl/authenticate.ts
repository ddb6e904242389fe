/**
 * SASL over Kafka: SaslHandshake v1 names the mechanism, then SaslAuthenticate v2 requests carry the
 * mechanism's tokens (KIP-152). Runs on a fresh connection before any other request.
 */
import { saslAuthenticateV2 } from '../../protocol/apis/sasl-authenticate/index.js';
import { saslHandshakeV1 } from '../../protocol/apis/sasl-handshake/index.js';
import type { ApiCodec } from '../../protocol/api.js';
import { brokerError } from '../errors.js';
import { plainAuthBytes } from './plain.js';
import { ScramClient } from './scram.js';

export interface SaslOptions {
  mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  username: string;
  password: string;
}

/** What authenticate() needs from a connection (kept narrow so it is testable without a socket). */
export interface SaslTransport {
  request<Req, Res>(codec: ApiCodec<Req, Res>, req: Req): Promise<Res>;
}

const MECHANISM_NAMES = {
  plain: 'PLAIN',
  'scram-sha-256': 'SCRAM-SHA-256',
  'scram-sha-512': 'SCRAM-SHA-512',
} as const;

export async function authenticate(transport: SaslTransport, sasl: SaslOptions): Promise<void> {
  const mechanism = MECHANISM_NAMES[sasl.mechanism];
  const handshake = await transport.request(saslHandshakeV1, { mechanism });
  if (handshake.errorCode !== 0) {
    throw brokerError(
      handshake.errorCode,
      `SASL ${mechanism}; the broker enables [${handshake.mechanisms.join(', ')}]`,
    );
  }
  const exchange = async (authBytes: Buffer): Promise<Buffer> => {
    const res = await transport.request(saslAuthenticateV2, { authBytes });
    if (res.errorCode !== 0)
      throw brokerError(res.errorCode, res.errorMessage ?? `SASL ${mechanism} as ${sasl.username}`);
    return res.authBytes;
  };
  if (mechanism === 'PLAIN') {
    await exchange(plainAuthBytes(sasl.username, sasl.password));
    return;
  }
  const scram = new ScramClient(mechanism, sasl.username, sasl.password);
  const serverFirst = await exchange(scram.first());
  const serverFinal = await exchange(await scram.final(serverFirst));
  scram.verify(serverFinal);
}
