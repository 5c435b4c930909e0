/**
 * A configuration that cannot start: every problem at once, each naming its variable and never
 * quoting a secret's value.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }

  /** Just the variables at fault, for places where a value must not be shown (a public answer). */
  get names(): string[] {
    return [...new Set(this.problems.map((problem) => /^[A-Z_]+/.exec(problem)?.[0] ?? 'configuration'))];
  }
}
