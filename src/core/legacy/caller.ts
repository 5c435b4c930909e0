/**
 * Who a legacy request comes from: the key pairs a caller holds and what authentication proved.
 * Types only, so that every layer can name a caller without depending on how one is checked.
 */
export interface KeyPair {
  readonly secretId: string;
  readonly secretKey: string;
}

export interface CallerCredential extends KeyPair {
  /** The key pair that signs the 3.0 call; the caller's own when absent (docs/contract.md#b11). */
  readonly upstream?: KeyPair;
}

export interface AuthenticatedRequest {
  readonly caller: CallerCredential;
  readonly timestamp: number;
  /** The signature's bytes as hex: one value per signed request, whatever its base64 spelling. */
  readonly signatureId: string;
  /** Which of `legacyStringsToSign`'s candidates the client signed: re-signing keeps its order. */
  readonly signedOrder: number;
}
