/**
 * Who may add an entry: the fair-share rule of the in-memory replay store. Half of `maxEntries`
 * is split evenly among the N configured callers as a floor, ⌊maxEntries / 2N⌋ live entries each,
 * that a caller can always use, whatever the others do; the other half is shared, first come
 * first served. So one caller flooding the proxy holds at most its floor plus the shared half, and
 * every other caller still has its own floor (a lone configured caller can use the whole store).
 *
 * Invariant: live entries + floors not yet used ≤ maxEntries. A caller below its floor therefore
 * always finds room; a caller at or above it is admitted only while shared room is left.
 * Scopes that are not configured callers (the gateway only remembers authenticated callers) have
 * no floor, and are forgotten when they hold nothing.
 */
import { MAX_CALLERS, NONE } from './entry-pool.js';

export class CallerShares {
  private readonly indexOf = new Map<string, number>();
  private readonly scopes: string[] = [];
  private readonly held: number[] = [];
  private readonly floors: number[] = [];
  private readonly spareIndices: number[] = [];
  private readonly configured: number;
  private live = 0;
  private unusedFloors = 0;

  constructor(
    private readonly maxEntries: number,
    callers: readonly string[],
  ) {
    const distinct = [...new Set(callers)];
    const floor = distinct.length === 0 ? 0 : Math.floor(maxEntries / (2 * distinct.length));
    for (const scope of distinct) this.register(scope, floor);
    this.configured = distinct.length;
  }

  /** The scope's index, or NONE if it holds nothing and is not configured. */
  find(scope: string): number {
    return this.indexOf.get(scope) ?? NONE;
  }

  /** The scope's index, registering it if needed; NONE when no index is left (four million scopes). */
  claim(scope: string): number {
    const known = this.indexOf.get(scope);
    if (known !== undefined) return known;
    if (this.spareIndices.length === 0 && this.scopes.length >= MAX_CALLERS) return NONE;
    return this.register(scope, 0);
  }

  /** Whether the caller at `index` may add one entry now. */
  admits(index: number): boolean {
    return this.held[index]! < this.floors[index]! || this.live + this.unusedFloors < this.maxEntries;
  }

  added(index: number): void {
    if (this.held[index]! < this.floors[index]!) this.unusedFloors -= 1;
    this.held[index]! += 1;
    this.live += 1;
  }

  removed(index: number): void {
    this.held[index]! -= 1;
    this.live -= 1;
    if (this.held[index]! < this.floors[index]!) this.unusedFloors += 1;
    this.forgetIfIdle(index);
  }

  /** Forgets a scope that is not a configured caller once it holds nothing. */
  forgetIfIdle(index: number): void {
    if (index < this.configured || this.held[index] !== 0) return;
    this.indexOf.delete(this.scopes[index]!);
    this.spareIndices.push(index);
  }

  /** Live entries, all callers together. */
  get entries(): number {
    return this.live;
  }

  private register(scope: string, floor: number): number {
    const index = this.spareIndices.pop() ?? this.scopes.length;
    this.indexOf.set(scope, index);
    this.scopes[index] = scope;
    this.held[index] = 0;
    this.floors[index] = floor;
    this.unusedFloors += floor;
    return index;
  }
}
