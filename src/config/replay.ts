/**
 * Replay protection shared by every replica (Node): REDIS_URL, and what a request gets when
 * Redis fails (REPLAY_STORE_ON_FAILURE). A Redis URL may hold a password: it is never echoed.
 */
import { clip } from '../core/clip.js';
import { REPLAY_FAILURE_MODES, type ReplayFailureMode } from '../replay/replay-store.js';

export interface ReplayConfig {
  /** Absent: each process remembers its own requests (memory). */
  readonly redisUrl: string | undefined;
  readonly replayStoreOnFailure: ReplayFailureMode;
  readonly redisCommandTimeoutMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

export function parseReplayConfig(env: Env, problems: string[], int: (name: string, fallback: number, min: number, max: number) => number): ReplayConfig {
  const text = env.REDIS_URL?.trim() || undefined;
  const shown = (url: string) => `"${clip(url.replace(/\/\/.*@/, '//…@'), 120)}"`;
  let redisUrl: string | undefined;
  if (text) {
    try {
      const url = new URL(text);
      if (url.protocol === 'redis:' || url.protocol === 'rediss:') redisUrl = text;
      else problems.push(`REDIS_URL must be redis:// or rediss://, got ${shown(text)}`);
    } catch {
      problems.push(`REDIS_URL is not a URL: ${shown(text)}`);
    }
  }
  const mode = env.REPLAY_STORE_ON_FAILURE?.trim() || 'open';
  if (!(REPLAY_FAILURE_MODES as readonly string[]).includes(mode)) {
    problems.push(`REPLAY_STORE_ON_FAILURE must be one of ${REPLAY_FAILURE_MODES.join(', ')}, got "${clip(mode)}"`);
  }
  return {
    redisUrl,
    replayStoreOnFailure: mode === 'closed' ? 'closed' : 'open',
    redisCommandTimeoutMs: int('REDIS_COMMAND_TIMEOUT_MS', 500, 10, 60_000),
  };
}
