/**
 * Whether a request's v1 signature verifies, as a yes or no for the stand-in's request record.
 * The answer itself comes from the core's `authenticate`, which also checks the order of refusals
 * and the Timestamp; this only says whether the signature was right, whatever else was wrong.
 */
import type { CallerKeyring } from '../../src/core/legacy/keyring.js';
import type { LegacyParams } from '../../src/core/legacy/params.js';
import {
  decodeSignature,
  legacyStringsToSign,
  signatureMethodOf,
  verifyLegacySignature,
  type SignedTarget,
} from '../../src/core/legacy/signature.js';

export async function signatureVerifies(
  target: SignedTarget,
  params: LegacyParams,
  keyring: CallerKeyring,
): Promise<boolean> {
  const secretId = params.get('SecretId');
  const signatureText = params.get('Signature');
  const caller = secretId === undefined ? undefined : keyring.find(secretId);
  const signature = signatureText === undefined ? null : decodeSignature(signatureText);
  if (!caller || !signature) return false;
  const key = await keyring.verificationKey(caller, signatureMethodOf(params.get('SignatureMethod')));
  return verifyLegacySignature(key, signature, legacyStringsToSign(target, params));
}
