/**
 * The legacy (v1) request signature, built only on WebCrypto so it runs on Node and Workers.
 *
 * docs/contract.md#leg-sign / docs/contract.md#leg-node (docs/contract.md#a1): every parameter but `Signature`, raw decoded values,
 * names sorted, `_` in names read as `.`, joined as `k=v` with `&`; the string to sign is
 * `METHOD + host + path + "?" + joined`; `Signature = base64(HMAC(SecretKey, string))`.
 */
import { normaliseName, type LegacyParams } from './params.js';

export type LegacySignatureMethod = 'HmacSHA1' | 'HmacSHA256';

const HASH_OF: Record<LegacySignatureMethod, 'SHA-1' | 'SHA-256'> = {
  HmacSHA1: 'SHA-1',
  HmacSHA256: 'SHA-256',
};

export const SIGNATURE_PARAM = 'Signature';

/** `HmacSHA256` selects SHA-256; absent or anything else means HmacSHA1 (docs/contract.md#leg-common). */
export function signatureMethodOf(value: string | undefined): LegacySignatureMethod {
  return value === 'HmacSHA256' ? 'HmacSHA256' : 'HmacSHA1';
}

export interface SignedTarget {
  readonly method: string;
  /** The host the client addressed, with its port if it named one. */
  readonly host: string;
  readonly path: string;
}

/**
 * The strings a legacy client may have signed for these parameters. The Node SDK sorts the
 * names as sent and then writes `_` as `.`; the PHP SDK signs the `.` names it sends as `_`.
 * The two orders differ only when a name holds `_`, so then both are candidates.
 */
export function legacyStringsToSign(target: SignedTarget, params: LegacyParams): string[] {
  const entries = [...params.byName.values()].filter((p) => normaliseName(p.rawName) !== SIGNATURE_PARAM);
  const prefix = `${target.method.toUpperCase()}${target.host}${target.path}?`;
  const join = (sortKey: (rawName: string) => string) =>
    prefix +
    entries
      .map((p) => ({ key: sortKey(p.rawName), text: `${normaliseName(p.rawName)}=${p.value}` }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((e) => e.text)
      .join('&');
  const asSent = join((rawName) => rawName);
  // Only a name that normalising changes (an `_` after its first character) can sort differently.
  if (entries.every((p) => normaliseName(p.rawName) === p.rawName)) return [asSent];
  const normalised = join(normaliseName);
  return asSent === normalised ? [asSent] : [asSent, normalised];
}

const encoder = new TextEncoder();

/**
 * A caller's HMAC key, ready to check MACs: imported once, used for every request. WebCrypto by
 * default (Node and Workers); a runtime may bring a faster one of its own (see src/node/legacy-mac.ts).
 */
export interface LegacyMacKey {
  /** Whether `signature` is the MAC of `text`, compared in constant time. */
  verify(signature: Uint8Array, text: string): boolean | Promise<boolean>;
}

export type LegacyMacKeyFactory = (secretKey: string, method: LegacySignatureMethod) => Promise<LegacyMacKey>;

export function importLegacyKey(secretKey: string, method: LegacySignatureMethod, usage: KeyUsage): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secretKey), { name: 'HMAC', hash: HASH_OF[method] }, false, [
    usage,
  ]);
}

/** Constant-time by WebCrypto's contract: `subtle.verify` compares the MAC itself. */
export const webCryptoMacKey: LegacyMacKeyFactory = async (secretKey, method) => {
  const key = await importLegacyKey(secretKey, method, 'verify');
  return {
    verify: (signature, text) =>
      crypto.subtle.verify('HMAC', key, signature as Uint8Array<ArrayBuffer>, encoder.encode(text)),
  };
};

/** What a legacy client does: sign the string and base64 the MAC. */
export async function signLegacyString(
  secretKey: string,
  method: LegacySignatureMethod,
  text: string,
): Promise<string> {
  const key = await importLegacyKey(secretKey, method, 'sign');
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
  return btoa(String.fromCharCode(...mac));
}

/** The signature's bytes, or null when it is not base64. A `+` sent unencoded arrives as a space. */
export function decodeSignature(signature: string): Uint8Array | null {
  try {
    const binary = atob(signature.replaceAll(' ', '+'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

/** True when the signature is the MAC of any of the candidate strings. */
export async function verifyLegacySignature(
  key: LegacyMacKey,
  signature: Uint8Array,
  candidates: readonly string[],
): Promise<boolean> {
  return (await matchingCandidate(key, signature, candidates)) >= 0;
}

/** Which candidate string the signature is the MAC of (the client's sort order), or -1. */
export async function matchingCandidate(
  key: LegacyMacKey,
  signature: Uint8Array,
  candidates: readonly string[],
): Promise<number> {
  for (const [index, text] of candidates.entries()) {
    if (await key.verify(signature, text)) return index;
  }
  return -1;
}
