/**
 * Replay protection (docs/contract.md#b2, legacy code 4500): a signed request is accepted once while its
 * Timestamp is inside the window. Stores differ in where they remember (memory here; a shared
 * store lets every replica see the same requests).
 */
export type ReplayVerdict = 'first' | 'seen' | 'full';

export interface ReplayStore {
  /**
   * Remember `id` within `scope` (the caller's SecretId: a natural shard) until `expiresAtMs`, and
   * say whether it was new. `full` means the store cannot remember more right now: the request
   * must be refused, since letting it in unremembered would open a replay hole.
   */
  remember(
    scope: string,
    id: string,
    expiresAtMs: number,
    signal?: AbortSignal,
  ): Promise<ReplayVerdict> | ReplayVerdict;
  /** True for a store in this process's memory, which answers at once: the gateway hands it no deadline signal. */
  readonly inProcess?: boolean;
}

/** What a request gets when a shared replay store fails (REPLAY_STORE_ON_FAILURE): let in, or 6200. */
export type ReplayFailureMode = 'open' | 'closed';
export const REPLAY_FAILURE_MODES: readonly ReplayFailureMode[] = ['open', 'closed'];
