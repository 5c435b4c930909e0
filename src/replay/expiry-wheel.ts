/**
 * Remembered requests ordered by expiry, so that forgetting costs what expired, not what is held:
 * one list per expiry second (a Map from second to list, and a min-heap of those seconds), and,
 * for the second the clock is in, one list per millisecond, filled once as the clock enters that
 * second. A list is dropped whole once the clock has passed it; nothing live is ever visited.
 *
 * The wheel's clock never runs backwards: after a step back of the system clock, entries already
 * dropped stay dropped (they were past their expiry at the later time).
 */
import { LINK, millisecondOf, NONE, TAG, type EntryPool } from './entry-pool.js';
import { MinHeap } from './min-heap.js';

const MS_PER_SECOND = 1000;

export class ExpiryWheel {
  /** The latest time the wheel was advanced to: every entry it holds expires at or after it. */
  clock = -Infinity;
  /** Rows visited by sweeping (moved into millisecond lists, or dropped): a measure of its work. */
  rowsVisited = 0;

  private readonly bySecond = new Map<number, number>();
  private readonly seconds = new MinHeap();
  private readonly byMillisecond = new Int32Array(MS_PER_SECOND).fill(NONE);
  private inMilliseconds = 0;
  private openSecond = -Infinity;
  /** Millisecond lists below this one (in the open second) are dropped. */
  private cursor = 0;

  constructor(
    private readonly pool: EntryPool,
    private readonly drop: (row: number) => void,
  ) {}

  /** Files a row whose whole-millisecond expiry `expiresAt` is at or after `clock` (its TAG set). */
  add(row: number, expiresAt: number): void {
    const second = Math.floor(expiresAt / MS_PER_SECOND);
    if (second === this.openSecond) {
      this.push(row, millisecondOf(this.pool.get(row, TAG)));
      return;
    }
    const head = this.bySecond.get(second);
    if (head === undefined) this.seconds.push(second);
    this.pool.set(row, LINK, head ?? NONE);
    this.bySecond.set(second, row);
  }

  /** Moves the clock to `now` and drops every entry that expires before it. */
  advance(now: number): void {
    if (!(now > this.clock)) return;
    this.clock = now;
    const second = Math.floor(now / MS_PER_SECOND);
    if (second !== this.openSecond) {
      // The rest of the open second has passed as a whole, and so has every earlier second.
      this.dropMillisecondsBefore(MS_PER_SECOND);
      while (this.seconds.peek() < second) this.dropList(this.takeSecond(this.seconds.pop()!));
      this.openSecond = second;
      this.cursor = 0;
      if (this.seconds.peek() === second) this.spread(this.takeSecond(this.seconds.pop()!));
    }
    this.dropMillisecondsBefore(now - second * MS_PER_SECOND);
  }

  get bytes(): number {
    return this.byMillisecond.byteLength;
  }

  private takeSecond(second: number): number {
    const head = this.bySecond.get(second) ?? NONE;
    this.bySecond.delete(second);
    return head;
  }

  /** Spreads the list of the second just entered over its millisecond lists. */
  private spread(head: number): void {
    for (let row = head; row !== NONE;) {
      const next = this.pool.get(row, LINK);
      this.push(row, millisecondOf(this.pool.get(row, TAG)));
      this.rowsVisited += 1;
      row = next;
    }
  }

  private push(row: number, millisecond: number): void {
    this.pool.set(row, LINK, this.byMillisecond[millisecond]!);
    this.byMillisecond[millisecond] = row;
    this.inMilliseconds += 1;
  }

  private dropMillisecondsBefore(end: number): void {
    while (this.cursor < end) {
      // With no entries left in this second there is nothing to step over.
      if (this.inMilliseconds === 0) {
        this.cursor = Math.ceil(end);
        return;
      }
      const head = this.byMillisecond[this.cursor]!;
      if (head !== NONE) {
        this.byMillisecond[this.cursor] = NONE;
        this.inMilliseconds -= this.dropList(head);
      }
      this.cursor += 1;
    }
  }

  private dropList(head: number): number {
    let dropped = 0;
    for (let row = head; row !== NONE; dropped++) {
      const next = this.pool.get(row, LINK);
      this.drop(row);
      row = next;
    }
    this.rowsVisited += dropped;
    return dropped;
  }
}
