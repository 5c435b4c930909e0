/**
 * Legacy request parameters, collected once from the query string (GET) or the form body (POST).
 *
 * The legacy server was PHP, which turns `.` in incoming names into `_`; the legacy SDKs sign
 * names with `.` (the Node SDK replaces every `_` but a leading one). So `imageIds_0` and
 * `imageIds.0` are one parameter (docs/contract.md#b6), and a name given twice in either
 * spelling is refused rather than guessed at.
 */
import { clip } from '../clip.js';
import { invalidParameter } from '../errors.js';

export interface LegacyParam {
  /** The name exactly as the client sent it: the signature is computed over these. */
  readonly rawName: string;
  readonly value: string;
}

export interface LegacyParams {
  /** Keyed by the normalised name (`_` read as `.`). */
  readonly byName: ReadonlyMap<string, LegacyParam>;
  get(name: string): string | undefined;
}

/** The name the legacy signature uses for a key: `_` → `.`, except a leading `_` (docs/contract.md#leg-node). */
export function normaliseName(rawName: string): string {
  const first = rawName.indexOf('_');
  return first <= 0 ? rawName : rawName.replaceAll('_', '.');
}

export function collectParams(pairs: Iterable<readonly [string, string]>): LegacyParams {
  const byName = new Map<string, LegacyParam>();
  for (const [rawName, value] of pairs) {
    if (rawName === '') continue; // the legacy SDK never sends or signs an empty name
    const name = normaliseName(rawName);
    if (byName.has(name)) throw invalidParameter(clip(name), 'is given more than once');
    byName.set(name, { rawName, value });
  }
  return { byName, get: (name) => byName.get(name)?.value };
}
