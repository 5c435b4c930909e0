/**
 * The Durable Object that makes replay protection hold across isolates and locations. Every
 * request signed by one caller with signatures of one shard reaches the same instance, which
 * answers "first" or "seen" atomically: one synchronous SQLite upsert (input gates hold other
 * events while it runs, and the answer leaves only once the row is durable). Rows live until
 * their Timestamp leaves the window; an alarm deletes the expired ones. Nothing is held in memory.
 */
import type { ReplayVerdict } from '../replay/replay-store.js';
import type { DurableObjectStateLike } from './platform.js';

export const REPLAY_GUARD_PATH = '/remember';
const SWEEP_EVERY_MS = 60_000;

export class ReplayGuard {
  constructor(private readonly state: DurableObjectStateLike) {
    state.storage.sql.exec('CREATE TABLE IF NOT EXISTS seen (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)');
  }

  async fetch(request: Request): Promise<Response> {
    const body = (await request.json().catch(() => null)) as { id?: unknown; expiresAtMs?: unknown } | null;
    if (typeof body?.id !== 'string' || typeof body.expiresAtMs !== 'number') {
      return Response.json({ error: 'expected {id, expiresAtMs}' }, { status: 400 });
    }
    // New id, or an expired row taken over: a row comes back. A live row: nothing changes, nothing comes back.
    const inserted = this.state.storage.sql
      .exec(
        'INSERT INTO seen (id, expires_at) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET expires_at = excluded.expires_at WHERE seen.expires_at < ? RETURNING id',
        body.id,
        body.expiresAtMs,
        Date.now(),
      )
      .toArray();
    const verdict: ReplayVerdict = inserted.length > 0 ? 'first' : 'seen';
    if (verdict === 'first' && (await this.state.storage.getAlarm()) === null)
      await this.state.storage.setAlarm(Date.now() + SWEEP_EVERY_MS);
    return Response.json({ verdict });
  }

  async alarm(): Promise<void> {
    this.state.storage.sql.exec('DELETE FROM seen WHERE expires_at < ?', Date.now());
    const [left] = this.state.storage.sql.exec('SELECT COUNT(*) AS n FROM seen').toArray() as Array<{ n: number }>;
    if ((left?.n ?? 0) > 0) await this.state.storage.setAlarm(Date.now() + SWEEP_EVERY_MS);
  }
}
