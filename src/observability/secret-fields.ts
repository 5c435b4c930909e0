/**
 * The field names that may hold a secret, in one place: pino's redaction on Node and the
 * censor of the Worker's logger (pino's browser build has no redaction) are both built from it.
 */
export const SECRET_FIELDS = ['secretKey', 'signature', 'token', 'authorization'] as const;
export const CENSORED = '[redacted]';

const SECRET = new Set(SECRET_FIELDS.map((name) => name.toLowerCase()));

/** pino `redact` paths: each name, in either first-letter case, up to two levels deep. */
export const REDACTED_PATHS: string[] = SECRET_FIELDS.flatMap((name) => {
  const spellings = [name, name[0]!.toUpperCase() + name.slice(1)];
  return spellings.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);
});

/** A copy of `value` with every secret-named field censored, at any depth; an Error keeps its type, message and stack. */
export function censorSecrets(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return { type: value.name, message: value.message, stack: value.stack };
  if (depth > 8 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => censorSecrets(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [key, SECRET.has(key.toLowerCase()) ? CENSORED : censorSecrets(field, depth + 1)]),
  );
}
