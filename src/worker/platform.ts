/**
 * The slice of the Workers runtime this product uses, typed here so that the code type-checks
 * with the rest of the project (no ambient Workers types needed).
 */
export interface DurableObjectStorageLike {
  /** SQLite storage (classes created with `new_sqlite_classes`); `exec` runs synchronously. */
  readonly sql: { exec(query: string, ...bindings: unknown[]): { toArray(): unknown[] } };
  getAlarm(): Promise<number | null>;
  setAlarm(scheduledTime: number): Promise<void>;
}

export interface DurableObjectStateLike {
  readonly storage: DurableObjectStorageLike;
  blockConcurrencyWhile<T>(callback: () => Promise<T>): Promise<T>;
}

export interface DurableObjectStubLike {
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown;
  get(id: unknown): DurableObjectStubLike;
}

/** The Worker's bindings: `[vars]`, the PROXY_CREDENTIALS secret, the REPLAY Durable Object. */
export interface WorkerEnv {
  readonly REPLAY?: DurableObjectNamespaceLike;
  readonly [binding: string]: unknown;
}

/** The third argument of a Worker's fetch: keeps promises alive after the answer. */
export interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}
