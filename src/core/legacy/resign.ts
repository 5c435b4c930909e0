/**
 * A verified legacy request signed again for another host (pass-through and shadow): the caller
 * signed for the proxy's host, and a legacy host checks the signature against its own name. Every
 * parameter is kept as the client sent it (Nonce, Timestamp, Token, spellings); only `Signature`
 * changes, computed with the caller's own key in the sort order the client itself used.
 */
import type { LegacyParams } from './params.js';
import {
  legacyStringsToSign,
  SIGNATURE_PARAM,
  signatureMethodOf,
  signLegacyString,
  type SignedTarget,
} from './signature.js';
import { normaliseName } from './params.js';

export async function resignLegacyParams(
  params: LegacyParams,
  target: SignedTarget,
  secretKey: string,
  signedOrder: number,
): Promise<Array<[string, string]>> {
  const candidates = legacyStringsToSign(target, params);
  const text = candidates[signedOrder] ?? candidates[0]!;
  const signature = await signLegacyString(secretKey, signatureMethodOf(params.get('SignatureMethod')), text);
  const pairs: Array<[string, string]> = [];
  for (const { rawName, value } of params.byName.values()) {
    if (normaliseName(rawName) !== SIGNATURE_PARAM) pairs.push([rawName, value]);
  }
  pairs.push([SIGNATURE_PARAM, signature]);
  return pairs;
}
