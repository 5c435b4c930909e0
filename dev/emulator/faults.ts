/**
 * Faults the emulator can inject in front of its API, so that the proxy's behaviour against a
 * failing API 3.0 can be tested and soaked: a reset connection, a call that never answers, an
 * HTTP 500, a truncated JSON body, RequestLimitExceeded, or a slow answer. Off unless switched
 * on (by a test, the soak script, or EMULATOR_FAULT); Node only, since a reset needs the socket.
 * `cut-body` sends the status line and half of a body, then resets the connection.
 */
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';

export const FAULT_KINDS = ['reset', 'hang', 'http500', 'truncated', 'rate-limit', 'slow', 'cut-body'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultPlan {
  readonly kind: FaultKind;
  /** Share of calls hit, 0–1; default 1. */
  readonly probability?: number;
  /** Only this many calls are hit, then the plan ends; default unlimited. */
  readonly times?: number;
  /** For `slow`: how long each answer waits; default 1000 ms. */
  readonly delayMs?: number;
}

export interface FaultSwitch {
  set(plan: FaultPlan | undefined): void;
  /** How many calls each kind of fault has hit since start. */
  readonly injected: Readonly<Record<FaultKind, number>>;
  readonly middleware: MiddlewareHandler;
}

export function createFaultSwitch(random: () => number = Math.random): FaultSwitch {
  let plan: FaultPlan | undefined;
  let left = Infinity;
  const injected = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;

  function pick(): FaultPlan | undefined {
    if (!plan || left <= 0 || random() >= (plan.probability ?? 1)) return undefined;
    left -= 1;
    injected[plan.kind] += 1;
    return plan;
  }

  const middleware: MiddlewareHandler = async (c, next) => {
    const fault = pick();
    if (!fault) return next();
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    switch (fault.kind) {
      case 'reset':
        incoming?.socket.destroy();
        return c.body(null);
      case 'hang':
        // Never answers; ends only when the caller gives up and closes the connection.
        if (incoming && !incoming.socket.destroyed)
          await new Promise<void>((resolve) => incoming.socket.once('close', () => resolve()));
        return c.body(null);
      case 'cut-body': {
        // The whole answer's length is announced, half of it is sent, then the stream fails.
        await next();
        const body = new TextEncoder().encode(await c.res.text());
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(body.slice(0, Math.floor(body.length / 2)));
            // The connection goes, as a network cut would; with no socket, the stream fails instead.
            setTimeout(
              () =>
                incoming
                  ? (incoming.socket.destroy(), controller.close())
                  : controller.error(new Error('connection cut (fault injected)')),
              10,
            );
          },
        });
        c.res = new Response(stream, {
          headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
        });
        return;
      }
      case 'http500':
        return c.text('Internal Server Error', 500);
      case 'rate-limit':
        return rateLimited(c);
      case 'truncated': {
        await next();
        const text = await c.res.text();
        c.res = new Response(text.slice(0, Math.floor(text.length / 2)), {
          headers: { 'content-type': 'application/json' },
        });
        return;
      }
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
        return next();
    }
  };

  return {
    set(next) {
      plan = next;
      left = next?.times ?? Infinity;
    },
    injected,
    middleware,
  };
}

function rateLimited(c: Context): Response {
  const error = {
    Code: 'RequestLimitExceeded',
    Message: 'Your current request times equals to the frequency limit (fault injected).',
  };
  return c.json({ Response: { Error: error, RequestId: crypto.randomUUID() } });
}

/** `EMULATOR_FAULT=kind[:probability[:delayMs]]`, e.g. `reset:0.1` or `slow:1:3000`. */
export function parseFaultPlan(text: string): FaultPlan {
  const [kind, probability, delayMs] = text.split(':');
  if (!(FAULT_KINDS as readonly string[]).includes(kind ?? ''))
    throw new Error(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  const p = probability === undefined ? 1 : Number(probability);
  if (!(p >= 0 && p <= 1)) throw new Error('probability must be from 0 to 1');
  if (delayMs !== undefined && !/^[0-9]+$/.test(delayMs))
    throw new Error('delayMs must be a whole number of milliseconds');
  return { kind: kind as FaultKind, probability: p, ...(delayMs ? { delayMs: Number(delayMs) } : {}) };
}
