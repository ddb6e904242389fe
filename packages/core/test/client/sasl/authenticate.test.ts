import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Connection } from '../../../src/client/connection.js';
import { KafkaProtocolError } from '../../../src/client/errors.js';
import type { SaslOptions } from '../../../src/client/sasl/authenticate.js';
import type { SaslAuthenticateRequest } from '../../../src/protocol/apis/sasl-authenticate/types.js';
import type { SaslHandshakeRequest } from '../../../src/protocol/apis/sasl-handshake/types.js';
import { FakeBroker, type FakeRequest } from '../fake-broker.js';

/** A minimal SCRAM-SHA-256 server (RFC 5802) for one user, enough to check the client's side end to end. */
function scramServer(username: string, password: string) {
  const salt = randomBytes(16);
  const iterations = 4096;
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const hmac = (key: Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  let clientFirstBare = '';
  let serverFirst = '';
  return (authBytes: Buffer): { ok: boolean; reply: Buffer } => {
    const message = authBytes.toString();
    if (message.startsWith('n,,')) {
      clientFirstBare = message.slice(3);
      const clientNonce = clientFirstBare.split(',r=')[1]!;
      if (!clientFirstBare.startsWith(`n=${username},`)) return { ok: false, reply: Buffer.alloc(0) };
      serverFirst = `r=${clientNonce}SERVER,s=${salt.toString('base64')},i=${iterations}`;
      return { ok: true, reply: Buffer.from(serverFirst) };
    }
    const [withoutProof, proof] = message.split(',p=') as [string, string];
    const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
    const clientKey = hmac(salted, 'Client Key');
    const storedKey = createHash('sha256').update(clientKey).digest();
    const signature = hmac(storedKey, authMessage);
    const recovered = Buffer.from(proof, 'base64').map((b, i) => b ^ signature[i]!);
    const ok = createHash('sha256').update(recovered).digest().equals(storedKey);
    const serverSignature = hmac(hmac(salted, 'Server Key'), authMessage).toString('base64');
    return { ok, reply: Buffer.from(`v=${serverSignature}`) };
  };
}

let broker: FakeBroker;
afterEach(async () => {
  await broker.close();
});

function saslBroker(
  mechanisms: string[],
  check: (authBytes: Buffer) => { ok: boolean; reply: Buffer },
): FakeBroker {
  const b = new FakeBroker();
  b.on(17, (request: FakeRequest) => {
    const { mechanism } = request.body as SaslHandshakeRequest;
    return { errorCode: mechanisms.includes(mechanism) ? 0 : 33, mechanisms };
  });
  b.on(36, (request: FakeRequest) => {
    const { ok, reply } = check((request.body as SaslAuthenticateRequest).authBytes);
    return ok
      ? { errorCode: 0, errorMessage: null, authBytes: reply, sessionLifetimeMs: 0 }
      : {
          errorCode: 58,
          errorMessage: 'Authentication failed',
          authBytes: Buffer.alloc(0),
          sessionLifetimeMs: 0,
        };
  });
  return b;
}

async function connectWith(sasl: SaslOptions): Promise<Connection> {
  const connection = new Connection({
    host: '127.0.0.1',
    port: broker.port,
    clientId: 'test',
    connectTimeoutMs: 5000,
    requestTimeoutMs: 5000,
    sasl,
  });
  try {
    await connection.connect();
  } finally {
    await connection.close();
  }
  return connection;
}

describe('SASL on connect', () => {
  it('authenticates with PLAIN', async () => {
    broker = await saslBroker(['PLAIN'], (bytes) => ({
      ok: bytes.equals(Buffer.from('\0alice\0secret')),
      reply: Buffer.alloc(0),
    })).listen();
    await connectWith({ mechanism: 'plain', username: 'alice', password: 'secret' });
    expect(broker.requests.map((r) => [r.apiKey, r.apiVersion])).toEqual([
      [17, 1],
      [36, 2],
    ]);
  });

  it('authenticates with SCRAM-SHA-256 and rejects a wrong password typed', async () => {
    broker = await saslBroker(['SCRAM-SHA-256'], scramServer('alice', 'secret')).listen();
    await connectWith({ mechanism: 'scram-sha-256', username: 'alice', password: 'secret' });
    broker.requests.length = 0;
    const error = await connectWith({
      mechanism: 'scram-sha-256',
      username: 'alice',
      password: 'wrong',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KafkaProtocolError);
    expect(error).toMatchObject({ code: 'SASL_AUTHENTICATION_FAILED', fatal: true });
  });

  it('names the mechanisms the broker enables when ours is not one of them', async () => {
    broker = await saslBroker(['SCRAM-SHA-512'], () => ({ ok: true, reply: Buffer.alloc(0) })).listen();
    await expect(connectWith({ mechanism: 'plain', username: 'a', password: 'b' })).rejects.toThrow(
      /UNSUPPORTED_SASL_MECHANISM.*SCRAM-SHA-512/,
    );
  });
});
