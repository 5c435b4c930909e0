/**
 * Replay protection shared by every replica (Node): REDIS_URL, and what a request gets when
 * Redis fails (REPLAY_STORE_ON_FAILURE). A Redis URL may hold a password: it is never echoed.
 */
import type { ReplayFailureMode } from '../replay/replay-store.js';
import { INVALID, type Kind } from './setting.js';
import { missingScheme, shownUrl } from './shown-url.js';

export interface ReplayConfig {
  /** Absent: each process remembers its own requests (memory). */
  readonly redisUrl: string | undefined;
  readonly replayStoreOnFailure: ReplayFailureMode;
  readonly redisCommandTimeoutMs: number;
}

export const redisUrl: Kind<string | undefined> = {
  parse(text, name, problems) {
    if (!text) return undefined;
    if (missingScheme(text, name, ['redis://', 'rediss://'], problems)) return INVALID;
    try {
      const { protocol } = new URL(text);
      if (protocol === 'redis:' || protocol === 'rediss:') return text;
      problems.push(`${name} must be redis:// or rediss://, got ${shownUrl(text)}`);
    } catch {
      problems.push(`${name} is not a URL: ${shownUrl(text)}`);
    }
    return INVALID;
  },
};
