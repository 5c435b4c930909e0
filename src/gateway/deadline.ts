/**
 * A request's one deadline (UPSTREAM_TIMEOUT_MS), shared by everything it waits on beyond the
 * proxy. Its AbortSignal and timer are made only when something first asks for the signal, that
 * is when the request is about to wait on I/O: a cache hit with the in-memory replay store never
 * does, and so never pays for them (docs/performance.md#hit-path). The timer fires at the same
 * moment however late it is set, and is cleared when the request ends.
 *
 * Not AbortSignal.timeout: its timer outlives the answer by the whole timeout (tens of thousands
 * of live timers at a few thousand requests a second).
 */
export class RequestDeadline {
  #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #ended = false;

  /** `at`: the deadline, in ms since the epoch; `now` reads the same clock. */
  constructor(
    readonly at: number,
    private readonly now: () => number,
  ) {}

  /** Aborts (a TimeoutError) at the deadline; made on first use. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      const controller = (this.#controller = new AbortController());
      const left = this.at - this.now();
      const abort = () => controller.abort(new DOMException('the request deadline passed', 'TimeoutError'));
      if (left <= 0) abort();
      else if (!this.#ended) this.#timer = setTimeout(abort, left);
    }
    return this.#controller.signal;
  }

  /** True once the deadline has passed for something that waited on it; false while nothing has. */
  get aborted(): boolean {
    return this.#controller?.signal.aborted ?? false;
  }

  /** The request has ended: its timer, if one was set, goes. */
  end(): void {
    this.#ended = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
