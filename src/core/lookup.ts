/** A table lookup that only sees the table's own keys (never `constructor`, `__proto__`, …). */
export function lookup<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
