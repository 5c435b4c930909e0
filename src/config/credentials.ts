/**
 * PROXY_CREDENTIALS: the callers allowed in, as a JSON array of key pairs, each optionally naming
 * the upstream key pair that signs its 3.0 calls (docs/contract.md#b11). A key is never echoed.
 */
import type { CallerCredential, KeyPair } from '../core/legacy/caller.js';
import { jsonSyntaxFault } from './json-syntax.js';
import type { Kind } from './setting.js';

export const CREDENTIALS_SHAPE = '[{"secretId":"…","secretKey":"…","upstream"?:{"secretId":"…","secretKey":"…"}}]';

/** Every problem is named by its place in the array, so that one bad entry does not hide another. */
export const credentials: Kind<CallerCredential[]> = {
  parse(text, name, problems) {
    if (!text) {
      problems.push(`${name} is required: a JSON array ${CREDENTIALS_SHAPE}`);
      return [];
    }
    let list: unknown;
    try {
      list = JSON.parse(text);
    } catch {
      // Where, not what: the text around the fault may be a key.
      const where = jsonSyntaxFault(text) ?? 'JSON.parse refused it';
      problems.push(`${name} is not valid JSON at ${where} (expected ${CREDENTIALS_SHAPE})`);
      return [];
    }
    if (!Array.isArray(list) || list.length === 0) {
      problems.push(`${name} must be a non-empty JSON array ${CREDENTIALS_SHAPE}`);
      return [];
    }
    const seen = new Set<string>();
    return list.flatMap((entry: unknown, index): CallerCredential[] => {
      const where = `${name}[${index}]`;
      const own = keyPair(entry, where, problems);
      if (!own) return [];
      if (seen.has(own.secretId)) problems.push(`${where}.secretId ${own.secretId} is listed twice`);
      seen.add(own.secretId);
      const upstreamEntry = (entry as { upstream?: unknown }).upstream;
      if (upstreamEntry === undefined) return [own];
      const upstream = keyPair(upstreamEntry, `${where}.upstream`, problems);
      return upstream ? [{ ...own, upstream }] : [];
    });
  },
};

function keyPair(value: unknown, where: string, problems: string[]): KeyPair | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${where} must be an object with secretId and secretKey`);
    return undefined;
  }
  const { secretId, secretKey } = value as Record<string, unknown>;
  let ok = true;
  for (const [name, field] of [
    ['secretId', secretId],
    ['secretKey', secretKey],
  ] as const) {
    if (typeof field !== 'string' || field.trim() === '') {
      problems.push(`${where}.${name} must be a non-empty string`);
      ok = false;
    }
  }
  return ok ? { secretId: secretId as string, secretKey: secretKey as string } : undefined;
}
