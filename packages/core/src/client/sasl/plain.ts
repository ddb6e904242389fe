/**
 * SASL PLAIN (RFC 4616): one message `authzid NUL authcid NUL passwd`, authzid left empty so the
 * broker authorizes as the authenticated user. Only safe over TLS or a trusted network.
 */
export function plainAuthBytes(username: string, password: string): Buffer {
  return Buffer.from(`\0${username}\0${password}`, 'utf8');
}
