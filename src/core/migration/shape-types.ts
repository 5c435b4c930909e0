/**
 * A call's shape as plain data (see call-shape.ts, which makes one): types only, so that the
 * observations, the record and the page can name it without importing how it is made.
 */
export interface ShapeParam {
  readonly name: string;
  /** The value, for an enumerated parameter (an unknown value reads 'other'); null otherwise. */
  readonly value: string | null;
}

export interface CallShape {
  /** Stable identity: the Action and the parameters with their kept values (not the example). */
  readonly key: string;
  readonly action: string;
  /** Sorted by name. */
  readonly params: readonly ShapeParam[];
  /** The latest call's non-secret, non-free-text values by name: numbers and resource ids. */
  readonly example: Readonly<Record<string, string>>;
}
