/**
 * The shape of one entry of the configuration schema: how a variable is parsed, and what the
 * reference page says about it. Both the loader and the page are built from these entries alone.
 */

/** Where a variable has an effect: the Node server, the Worker, or both. */
export type Runtime = 'node' | 'both';

/** What a parser returns after pushing its problem: the loader then carries on with the default. */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

export interface Kind<T> {
  /**
   * `text` is the variable's trimmed value, else its default; '' when it has neither. Every
   * problem is pushed, named by the variable, never echoing a secret.
   */
  readonly parse: (text: string, name: string, problems: string[]) => T | Invalid;
  /** What the page says is accepted ("integer 0–65535"); absent where the meaning says it. */
  readonly accepts?: string;
}

export interface Setting<T = unknown> {
  readonly group: string;
  readonly runtime: Runtime;
  /** As written in the environment; '' means none (see `absent`). */
  readonly default: string;
  /** How the page shows a missing default: "required", "none", "any". */
  readonly absent?: string;
  /** A value that holds a key: never echoed, never in a ConfigMap or `[vars]`. */
  readonly secret?: 'always' | 'with a password';
  /** May be given as NAME_FILE, the path of a file that holds it (Node: mounted secrets). */
  readonly file?: true;
  /** One line for the page (Markdown). */
  readonly meaning: string;
  readonly kind: Kind<T>;
}

export type ValueOf<S> = S extends { readonly kind: Kind<infer T> } ? T : never;
