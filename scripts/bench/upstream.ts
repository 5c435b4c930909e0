/**
 * The benchmark's API 3.0: the built-in emulator (no rate limit) with a 500-private-image account
 * beside the demo accounts, behind a counter of calls that the benchmark reads at GET /__calls.
 * Listens on PORT (a free one by default) and prints its URL on the first line.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../dev/emulator/accounts.js';
import { createEmulator } from '../../dev/emulator/app.js';
import { buildCatalogue } from '../../dev/emulator/catalogue.js';
import { BENCH_ACCOUNT } from './accounts.js';

const emulator = createEmulator({
  accounts: [DEMO_ACCOUNT_A, DEMO_ACCOUNT_B, BENCH_ACCOUNT],
  rateLimitPerSecond: 0,
  catalogue: buildCatalogue({
    accounts: [
      { uin: DEMO_ACCOUNT_A.uin, privateCount: 130 },
      { uin: BENCH_ACCOUNT.uin, privateCount: 500 },
    ],
  }),
});
let calls = 0;
const app = new Hono()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .get('/__calls', (c) => c.json({ calls }))
  .all('*', (c) => {
    calls += 1;
    return emulator.app.fetch(c.req.raw);
  });
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info: AddressInfo) =>
  console.log(`http://127.0.0.1:${info.port}`),
);
