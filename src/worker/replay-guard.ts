/**
 * The Durable Object that makes replay protection hold across isolates and locations: one
 * instance per SecretId sees every signed request of that caller, and answers "first" or "seen"
 * atomically (a synchronous check-and-set inside a single-threaded object). Entries are kept in
 * storage, so an evicted or restarted instance still remembers them, and an alarm sweeps the
 * expired ones.
 */
import { createMemoryReplayStore } from '../replay/memory-replay-store.js';
import type { ReplayStore } from '../replay/replay-store.js';
import type { DurableObjectStateLike } from './platform.js';

export const REPLAY_GUARD_PATH = '/remember';
const SWEEP_EVERY_MS = 60_000;
const MAX_ENTRIES_PER_CALLER = 1_000_000;
const SCOPE = 'caller'; // one instance is one caller already

export class ReplayGuard {
  private readonly memory: ReplayStore = createMemoryReplayStore({ maxEntries: MAX_ENTRIES_PER_CALLER, now: Date.now });

  constructor(private readonly state: DurableObjectStateLike) {
    void state.blockConcurrencyWhile(async () => {
      for (const [id, expiresAtMs] of await state.storage.list<number>()) this.memory.remember(SCOPE, id, expiresAtMs);
    });
  }

  async fetch(request: Request): Promise<Response> {
    const body = (await request.json().catch(() => null)) as { id?: unknown; expiresAtMs?: unknown } | null;
    if (typeof body?.id !== 'string' || typeof body.expiresAtMs !== 'number') {
      return Response.json({ error: 'expected {id, expiresAtMs}' }, { status: 400 });
    }
    const verdict = await this.memory.remember(SCOPE, body.id, body.expiresAtMs);
    if (verdict === 'first') {
      // Awaited: the answer leaves only once the entry is durable (the output gate).
      await this.state.storage.put(body.id, body.expiresAtMs);
      if ((await this.state.storage.getAlarm()) === null) await this.state.storage.setAlarm(Date.now() + SWEEP_EVERY_MS);
    }
    return Response.json({ verdict });
  }

  async alarm(): Promise<void> {
    const now = Date.now();
    const entries = await this.state.storage.list<number>();
    const expired = [...entries].filter(([, expiresAtMs]) => expiresAtMs < now).map(([id]) => id);
    for (let i = 0; i < expired.length; i += 128) await this.state.storage.delete(expired.slice(i, i + 128));
    if (entries.size > expired.length) await this.state.storage.setAlarm(now + SWEEP_EVERY_MS);
  }
}
