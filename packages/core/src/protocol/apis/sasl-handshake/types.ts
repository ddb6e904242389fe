/** SaslHandshake (key 17): pick the SASL mechanism before SaslAuthenticate. */
export interface SaslHandshakeRequest {
  /** e.g. 'PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'. */
  mechanism: string;
}

export interface SaslHandshakeResponse {
  errorCode: number;
  /** The mechanisms the broker's listener enables. */
  mechanisms: string[];
}
