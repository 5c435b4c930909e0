/**
 * Who is calling, and may they: the common parameters of a legacy request, checked in the
 * order that reveals least to a stranger (docs/contract.md#b2). Known SecretId (4104), then signature
 * (4100), then the Timestamp window (4200). Replay (4500) needs state and is the caller's job.
 */
import { clip } from '../clip.js';
import { invalidParameter, LegacyError } from '../errors.js';
import { toHex } from '../hex.js';
import type { AuthenticatedRequest } from './caller.js';
import type { CallerKeyring } from './keyring.js';
import type { LegacyParams } from './params.js';
import {
  decodeSignature,
  legacyStringsToSign,
  signatureMethodOf,
  matchingCandidate,
  type SignedTarget,
} from './signature.js';

const REQUIRED = ['Action', 'SecretId', 'Signature', 'Timestamp', 'Nonce'] as const;
const UNSIGNED_DECIMAL = /^[0-9]{1,20}$/;
/** Up to 40 digits, not all zeros: a positive integer, leading zeros allowed (docs/contract.md#ours-check-order). */
const POSITIVE_DECIMAL = /^(?=[0-9]{1,40}$)0*[1-9]/;

export interface AuthenticateOptions {
  readonly keyring: CallerKeyring;
  readonly nowSeconds: number;
  readonly windowSeconds: number;
}

export async function authenticate(
  target: SignedTarget,
  params: LegacyParams,
  { keyring, nowSeconds, windowSeconds }: AuthenticateOptions,
): Promise<AuthenticatedRequest> {
  for (const name of REQUIRED) {
    if (!params.get(name)) throw invalidParameter(name, 'is required');
  }
  const secretId = params.get('SecretId')!;
  const caller = keyring.find(secretId);
  if (!caller) throw new LegacyError(4104, `SecretId ${clip(secretId, 64)} is not known to this proxy`);

  const signature = decodeSignature(params.get('Signature')!);
  const method = signatureMethodOf(params.get('SignatureMethod'));
  const key = await keyring.verificationKey(caller, method);
  const signedOrder = signature ? await matchingCandidate(key, signature, legacyStringsToSign(target, params)) : -1;
  if (!signature || signedOrder < 0) {
    throw new LegacyError(
      4100,
      `signature does not match (${method}, host ${clip(target.host, 64)}, ${target.method.toUpperCase()})`,
    );
  }

  const timestampText = params.get('Timestamp')!;
  if (!UNSIGNED_DECIMAL.test(timestampText)) throw invalidParameter('Timestamp', 'must be Unix seconds');
  const timestamp = Number(timestampText);
  if (Math.abs(nowSeconds - timestamp) > windowSeconds) {
    throw new LegacyError(
      4200,
      `Timestamp ${timestamp} is more than ${windowSeconds} s from the server time ${nowSeconds}`,
    );
  }
  // Nonce may exceed 2^53 (docs/contract.md#leg-common): it is checked as text and never turned into a number.
  if (!POSITIVE_DECIMAL.test(params.get('Nonce')!)) throw invalidParameter('Nonce', 'must be a positive integer');

  return { caller, timestamp, signatureId: toHex(signature), signedOrder };
}
