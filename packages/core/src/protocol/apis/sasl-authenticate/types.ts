/** SaslAuthenticate (key 36): one SASL token exchange. */
export interface SaslAuthenticateRequest {
  authBytes: Buffer;
}

export interface SaslAuthenticateResponse {
  errorCode: number;
  errorMessage: string | null;
  authBytes: Buffer;
  /** 0 = the session never needs re-authentication (KIP-368). */
  sessionLifetimeMs: number;
}
