/**
 * Injected faults: EMULATOR_FAULT's text form, and a switch that hits the share and number of calls
 * it is told to. The faults that need a socket (reset, hang) are tested on one in
 * test/reliability/failing-upstream.test.ts; here, those that work through `app.request()`.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createFaultSwitch, parseFaultPlan } from '../../../dev/emulator/faults.js';

const ANSWER = { Response: { TotalCount: 0, ImageSet: [], RequestId: 'r' } };

function appWith(random?: () => number) {
  const faults = createFaultSwitch(random);
  const app = new Hono();
  app.use(faults.middleware);
  app.post('/', (c) => c.json(ANSWER));
  return { app, faults, call: () => app.request('http://e/', { method: 'POST' }) };
}

describe('parseFaultPlan', () => {
  it.each([
    ['http500', { kind: 'http500', probability: 1 }],
    ['reset:0.1', { kind: 'reset', probability: 0.1 }],
    ['slow:1:3000', { kind: 'slow', probability: 1, delayMs: 3000 }],
    ['rate-limit:0', { kind: 'rate-limit', probability: 0 }],
  ])('%s', (text, plan) => {
    expect(parseFaultPlan(text)).toEqual(plan);
  });

  it.each([
    ['nonsense', /kind must be one of reset, hang, http500, truncated, rate-limit, slow, cut-body/],
    ['', /kind must be one of/],
    ['http500:2', /probability must be from 0 to 1/],
    ['http500:x', /probability must be from 0 to 1/],
    ['slow:1:1.5', /delayMs must be a whole number/],
  ])('refuses %j', (text, message) => {
    expect(() => parseFaultPlan(text)).toThrow(message);
  });
});

describe('createFaultSwitch', () => {
  it('is off until set, and off again when cleared', async () => {
    const { faults, call } = appWith();
    expect((await call()).status).toBe(200);
    faults.set({ kind: 'http500' });
    expect((await call()).status).toBe(500);
    faults.set(undefined);
    expect(await (await call()).json()).toEqual(ANSWER);
  });

  it('hits only `times` calls, and counts what it injected', async () => {
    const { faults, call } = appWith();
    faults.set({ kind: 'http500', times: 2 });
    expect([(await call()).status, (await call()).status, (await call()).status]).toEqual([500, 500, 200]);
    expect(faults.injected.http500).toBe(2);
    expect(faults.injected.reset).toBe(0);
  });

  it('hits the share of calls it is told to, by the dice it is given', async () => {
    const dice = [0.1, 0.9, 0.49, 0.5];
    const { faults, call } = appWith(() => dice.shift()!);
    faults.set({ kind: 'http500', probability: 0.5 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call()).status);
    expect(statuses).toEqual([500, 200, 500, 200]);
  });

  it("rate-limit: 3.0's RequestLimitExceeded error, as HTTP 200", async () => {
    const { faults, call } = appWith();
    faults.set({ kind: 'rate-limit' });
    const response = await call();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      Response: { Error: { Code: 'RequestLimitExceeded', Message: expect.any(String) }, RequestId: expect.any(String) },
    });
  });

  it('truncated: the first half of the real answer, which does not parse', async () => {
    const { faults, call } = appWith();
    faults.set({ kind: 'truncated' });
    const text = await (await call()).text();
    const whole = JSON.stringify(ANSWER);
    expect(text).toBe(whole.slice(0, Math.floor(whole.length / 2)));
  });

  it('cut-body without a socket: half the body, then the stream fails', async () => {
    const { faults, call } = appWith();
    faults.set({ kind: 'cut-body' });
    const response = await call();
    expect(response.headers.get('content-length')).toBe(String(JSON.stringify(ANSWER).length));
    await expect(response.text()).rejects.toThrow();
  });

  it('slow: the real answer, later', async () => {
    const { faults, call } = appWith();
    faults.set({ kind: 'slow', delayMs: 5 });
    expect(await (await call()).json()).toEqual(ANSWER);
    expect(faults.injected.slow).toBe(1);
  });
});
