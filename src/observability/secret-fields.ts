/**
 * The one thing that keeps secrets out of the log, on Node and on Workers alike: before a line is
 * written, every field named like a secret (SecretKey, Signature, Token, Authorization; any case,
 * any depth) is replaced by `[redacted]`. Every line goes through it; there is no second list of
 * paths to keep in step (docs/performance.md#log-line). It costs a line what its fields cost to
 * look at: a flat line of plain values with no secret-named field is returned as it is, uncopied.
 */
export const SECRET_FIELDS = ['secretKey', 'signature', 'token', 'authorization'] as const;
export const CENSORED = '[redacted]';

const SECRET = new Set(SECRET_FIELDS.map((name) => name.toLowerCase()));
const SECRET_LENGTHS = new Set(SECRET_FIELDS.map((name) => name.length));
/** Deeper than this a value is not looked into, and not logged. */
const MAX_DEPTH = 8;

/** A field name that may hold a secret: one of SECRET_FIELDS in any letter case. */
export function isSecretName(name: string): boolean {
  // Most names are ruled out by their length alone, without a lower-cased copy.
  return SECRET_LENGTHS.has(name.length) && SECRET.has(name.toLowerCase());
}

/**
 * `value` with every secret-named field censored, at any depth: the same object where nothing
 * needed changing, else a copy. An Error keeps its type, message and stack (JSON would give {});
 * any other object that is not plain data (a URL, a Map, a class) keeps only its own enumerable
 * fields, as JSON of a plain copy would: never what its toJSON might add.
 */
export function censorSecrets(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return { type: value.name, message: value.message, stack: value.stack };
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) return censorArray(value, depth);
  const plain = Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null;
  let copy: Record<string, unknown> | undefined = plain ? undefined : {};
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    const censored = isSecretName(key) ? CENSORED : censorSecrets(field, depth + 1);
    if (copy) copy[key] = censored;
    else if (censored !== field) {
      copy = { ...(value as Record<string, unknown>) };
      copy[key] = censored;
    }
  }
  return copy ?? value;
}

function censorArray(items: readonly unknown[], depth: number): readonly unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const censored = censorSecrets(items[i], depth + 1);
    if (censored !== items[i]) (copy ??= [...items])[i] = censored;
  }
  return copy ?? items;
}
