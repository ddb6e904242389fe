/**
 * SCRAM-SHA-256 / SCRAM-SHA-512 client (RFC 5802, RFC 7677), as Kafka's SaslAuthenticate carries it:
 *
 *   client-first  = "n,," "n=" saslname "," "r=" c-nonce
 *   server-first  = "r=" c-nonce s-nonce "," "s=" base64(salt) "," "i=" iterations
 *   client-final  = "c=biws" "," "r=" nonce "," "p=" base64(ClientProof)
 *   server-final  = "v=" base64(ServerSignature)   |   "e=" error
 *
 *   SaltedPassword  = PBKDF2(HMAC-H, password, salt, i)      ClientKey = HMAC(SaltedPassword, "Client Key")
 *   StoredKey       = H(ClientKey)                           AuthMessage = client-first-bare "," server-first "," client-final-without-proof
 *   ClientSignature = HMAC(StoredKey, AuthMessage)           ClientProof = ClientKey XOR ClientSignature
 *   ServerSignature = HMAC(HMAC(SaltedPassword, "Server Key"), AuthMessage)
 *
 * No channel binding ("n,,"; "biws" = base64("n,,")). The server signature is verified: a broker that
 * does not know the password cannot fake a successful login.
 */
import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { SharqError } from '../../errors.js';

const pbkdf2Async = promisify(pbkdf2);

export type ScramMechanism = 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

/** The SCRAM exchange broke: malformed server message, nonce mismatch, bad server signature, or a server e=. */
export class ScramError extends SharqError {
  constructor(message: string) {
    super('SASL_SCRAM', message);
  }
}

/** RFC 5802 §5.1: ',' and '=' in the user name are escaped as =2C and =3D. */
export function saslName(username: string): string {
  return username.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

function parseAttributes(message: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq !== 1) throw new ScramError(`malformed SCRAM attribute ${JSON.stringify(part)}`);
    attributes.set(part[0]!, part.slice(2));
  }
  return attributes;
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.allocUnsafe(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

/** One SCRAM conversation: first() → final(serverFirst) → verify(serverFinal). */
export class ScramClient {
  private readonly hash: 'sha256' | 'sha512';
  private readonly keyLength: number;
  private readonly clientFirstBare: string;
  private serverSignature: Buffer | undefined;

  constructor(
    mechanism: ScramMechanism,
    username: string,
    private readonly password: string,
    private readonly clientNonce: string = randomBytes(24).toString('base64'),
  ) {
    this.hash = mechanism === 'SCRAM-SHA-256' ? 'sha256' : 'sha512';
    this.keyLength = mechanism === 'SCRAM-SHA-256' ? 32 : 64;
    this.clientFirstBare = `n=${saslName(username)},r=${clientNonce}`;
  }

  first(): Buffer {
    return Buffer.from(`n,,${this.clientFirstBare}`, 'utf8');
  }

  async final(serverFirstBytes: Buffer): Promise<Buffer> {
    const serverFirst = serverFirstBytes.toString('utf8');
    const attributes = parseAttributes(serverFirst);
    const error = attributes.get('e');
    if (error !== undefined) throw new ScramError(`server rejected SCRAM: ${error}`);
    const nonce = attributes.get('r');
    const salt = attributes.get('s');
    const iterations = Number(attributes.get('i'));
    if (nonce === undefined || salt === undefined || !Number.isInteger(iterations) || iterations < 1) {
      throw new ScramError(`malformed SCRAM server-first message ${JSON.stringify(serverFirst)}`);
    }
    if (!nonce.startsWith(this.clientNonce) || nonce.length === this.clientNonce.length) {
      throw new ScramError('SCRAM server nonce does not extend the client nonce');
    }
    const saltedPassword = await pbkdf2Async(
      Buffer.from(this.password, 'utf8'),
      Buffer.from(salt, 'base64'),
      iterations,
      this.keyLength,
      this.hash,
    );
    const clientKey = this.hmac(saltedPassword, 'Client Key');
    const storedKey = createHash(this.hash).update(clientKey).digest();
    const clientFinalWithoutProof = `c=biws,r=${nonce}`;
    const authMessage = `${this.clientFirstBare},${serverFirst},${clientFinalWithoutProof}`;
    const proof = xor(clientKey, this.hmac(storedKey, authMessage));
    this.serverSignature = this.hmac(this.hmac(saltedPassword, 'Server Key'), authMessage);
    return Buffer.from(`${clientFinalWithoutProof},p=${proof.toString('base64')}`, 'utf8');
  }

  /** Checks the server-final message; throws ScramError unless the server proved it knows the password. */
  verify(serverFinalBytes: Buffer): void {
    if (this.serverSignature === undefined) throw new ScramError('verify() before final()');
    const attributes = parseAttributes(serverFinalBytes.toString('utf8'));
    const error = attributes.get('e');
    if (error !== undefined) throw new ScramError(`server rejected SCRAM: ${error}`);
    const signature = Buffer.from(attributes.get('v') ?? '', 'base64');
    if (
      signature.length !== this.serverSignature.length ||
      !timingSafeEqual(signature, this.serverSignature)
    ) {
      throw new ScramError('SCRAM server signature does not match: the server does not know the credentials');
    }
  }

  private hmac(key: Buffer, data: string): Buffer {
    return createHmac(this.hash, key).update(data, 'utf8').digest();
  }
}
