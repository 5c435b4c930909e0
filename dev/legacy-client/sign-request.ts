/**
 * What a legacy API 2.0 client does before it sends a request: add the common parameters and
 * sign them (docs/contract.md#leg-sign). The demo uses it to speak to the proxy as an unchanged legacy client.
 */
import { collectParams } from '../../src/core/legacy/params.js';
import {
  legacyStringsToSign,
  signLegacyString,
  type LegacySignatureMethod,
  type SignedTarget,
} from '../../src/core/legacy/signature.js';

export interface LegacySigningInput extends SignedTarget {
  readonly secretId: string;
  readonly secretKey: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly signatureMethod?: LegacySignatureMethod;
  /** Unix seconds; now by default. */
  readonly timestamp?: number;
  readonly nonce?: string;
}

/** The request's parameters with `Timestamp`, `Nonce`, `SecretId` and `Signature` added. */
export async function signLegacyRequest(input: LegacySigningInput): Promise<Record<string, string>> {
  const method = input.signatureMethod ?? 'HmacSHA1';
  const params: Record<string, string> = {
    Timestamp: String(input.timestamp ?? Math.floor(Date.now() / 1000)),
    Nonce: input.nonce ?? String(Math.floor(Math.random() * 2 ** 31) + 1),
    SecretId: input.secretId,
    ...(method === 'HmacSHA256' ? { SignatureMethod: method } : {}),
    ...Object.fromEntries(Object.entries(input.params).map(([k, v]) => [k, String(v)])),
  };
  const [text] = legacyStringsToSign(input, collectParams(Object.entries(params)));
  return { ...params, Signature: await signLegacyString(input.secretKey, method, text!) };
}
