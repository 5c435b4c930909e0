/**
 * The ceiling (b): a bare hono pass-through to the same emulator with undici's Pool.request and
 * keep-alive. It reads the client's body (a pass-through must, to forward it), forwards one
 * DescribeImages call signed once at start-up (3.0 accepts a signed call for 5 minutes) and
 * returns the answer as it is: no verification, translation, logging or metrics. Listens on PORT.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { DEMO_ACCOUNT_A } from '../../dev/emulator/accounts.js';
import { createTc3Signer } from '../../src/upstream/cvm3/tc3-signer.js';

const upstream = process.env.UPSTREAM_URL!;
const pool = new Pool(upstream, { connections: 64, keepAliveTimeout: 30_000 });
const body = JSON.stringify({ Filters: [{ Name: 'image-type', Values: ['PUBLIC_IMAGE'] }], Offset: 0, Limit: 100 });
const timestamp = Math.floor(Date.now() / 1000);
const headers = {
  'content-type': 'application/json',
  'x-tc-action': 'DescribeImages',
  'x-tc-version': '2017-03-12',
  'x-tc-timestamp': String(timestamp),
  'x-tc-region': 'ap-guangzhou',
  authorization: createTc3Signer()({
    ...DEMO_ACCOUNT_A,
    service: 'cvm',
    hostname: '127.0.0.1',
    contentType: 'application/json',
    body,
    timestamp,
  }),
};
const app = new Hono()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .all('*', async (c) => {
    if (c.req.method === 'POST') await c.req.arrayBuffer();
    const response = await pool.request({ path: '/', method: 'POST', headers, body });
    return c.body(await response.body.text(), 200, { 'content-type': 'application/json' });
  });
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info: AddressInfo) =>
  console.log(`http://127.0.0.1:${info.port}`),
);
