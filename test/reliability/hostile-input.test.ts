/**
 * Generated hostile and malformed legacy requests (fast-check): whatever arrives, the answer is
 * a legacy JSON with an integer code (HTTP 200; 404 for an unknown path), without a stack trace
 * or a secret, and nothing unsigned ever reaches API 3.0. Signatures are checked against the real
 * legacy SDK's signing: what it signs verifies, and any change after signing does not.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../dev/emulator/accounts.js';
import { legacySdk } from '../helpers/legacy-sdk.js';
import { PROXY_HOST, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { MAX_BODY_BYTES: '4096' } });
});
afterAll(() => h.close());

const SECRETS = [DEMO_ACCOUNT_A.secretKey, DEMO_ACCOUNT_B.secretKey];
const KNOWN = [
  'Action',
  'Region',
  'SecretId',
  'Signature',
  'Timestamp',
  'Nonce',
  'SignatureMethod',
  'Token',
  'imageType',
  'status',
  'offset',
  'limit',
  'Version',
  'RequestClient',
  'imageIds',
];

const arbName = fc.oneof(
  fc.constantFrom(...KNOWN),
  fc.constantFrom(...KNOWN).map((name) => name.replace(/^./, (c) => c.toLowerCase())),
  fc
    .oneof(fc.integer({ min: -3, max: 1200 }).map(String), fc.constantFrom('', 'x', '01', '-1', '1.5', '00'))
    .chain((index) => fc.constantFrom(`imageIds.${index}`, `imageIds_${index}`, `imageIds..${index}`)),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const arbValue = fc.oneof(
  fc.constantFrom(
    'DescribeImages',
    'gz',
    'ap-guangzhou',
    'na-toronto',
    '1',
    '2',
    '3',
    '4',
    '0',
    '100',
    '101',
    '-1',
    '1.5',
    '1e3',
    '0x10',
    ' 1',
    '',
    '+',
    '%20',
    '%',
    '%ZZ',
    'HmacSHA256',
    '2017-03-12',
    'img-31tjrtph',
    'img-XXXXXXXX',
    DEMO_ACCOUNT_A.secretId,
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.stringMatching(/^[0-9]{1,40}$/),
  fc.nat({ max: 5000 }).map((n) => 'x'.repeat(n)),
);
const arbParams = fc.array(fc.tuple(arbName, arbValue), { maxLength: 14 });

const arbRequest = fc.record({
  path: fc.constantFrom(
    '/v2/index.php',
    '/v2/index.php',
    '/v2/index.php',
    '/v2/index.php/',
    '/',
    '/v2/other.php',
    '/healthz',
  ),
  method: fc.constantFrom('GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
  contentType: fc.constantFrom(
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; charset=UTF-8',
    'application/json',
    'text/plain',
    'multipart/form-data',
    undefined,
  ),
  query: arbParams,
  body: fc.oneof(
    arbParams.map((p) => new URLSearchParams(p).toString()),
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.nat({ max: 9000 }).map((n) => `a=${'y'.repeat(n)}`),
  ),
});

/**
 * The code and message of an answer: legacy JSON, or the 3.0 shape that a request naming a
 * `Version` gets (a transitional call), where success is 0 and an error is its 3.0 code.
 */
function outcomeOf(answer: {
  code?: unknown;
  message?: unknown;
  Response?: { Error?: { Code?: unknown; Message?: unknown } };
}): { code: unknown; message: unknown } {
  if (answer.Response) return { code: answer.Response.Error?.Code ?? 0, message: answer.Response.Error?.Message ?? '' };
  return { code: answer.code, message: answer.message };
}

describe('hostile and malformed requests', () => {
  it('always get a legacy JSON answer, never a stack or a secret, and never reach API 3.0', async () => {
    h.emulator.emulator.clearRequests();
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(arbRequest, async (r) => {
        tried += 1;
        const query = new URLSearchParams(r.query).toString();
        const hasBody = !['GET', 'OPTIONS'].includes(r.method);
        const response = await h.app.request(`http://${PROXY_HOST}${r.path}${query ? `?${query}` : ''}`, {
          method: r.method,
          headers: { host: PROXY_HOST, ...(r.contentType ? { 'content-type': r.contentType } : {}) },
          ...(hasBody ? { body: r.body } : {}),
        });
        const expectedStatus = r.path === '/v2/index.php' || (r.path === '/healthz' && r.method === 'GET') ? 200 : 404;
        expect(response.status).toBe(expectedStatus);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        const text = await response.text();
        const answer = JSON.parse(text);
        if (r.path !== '/healthz' || r.method !== 'GET') {
          const { code, message } = outcomeOf(answer);
          expect(Number.isInteger(code) || (typeof code === 'string' && code !== '')).toBe(true);
          expect(code).not.toBe(0);
          expect(typeof message).toBe('string');
        }
        expect(text).not.toMatch(/\n\s+at |\.ts:\d+|node_modules/);
        for (const secret of SECRETS) expect(text).not.toContain(secret);
      }),
      { numRuns: 3000 },
    );
    expect(tried).toBe(3000);
    expect(h.emulator.emulator.requests).toHaveLength(0);
    // Still healthy afterwards: a good request succeeds.
    expect(await h.legacy({ params: { imageType: 2, limit: 1 } })).toMatchObject({ code: 0, totalCount: 38 });
    expect(h.log.lines.join('\n')).not.toMatch(/unexpected error/);
  }, 120_000);
});

describe('hostile parameters in correctly signed requests', () => {
  it('reach the parameter rules and get a legacy answer from them: never 6000, never a stack', async () => {
    const { signLegacyRequest } = await import('../../dev/legacy-client/sign-request.js');
    const reserved = new Set(['SecretId', 'Signature', 'Timestamp', 'Nonce', 'SignatureMethod', 'Signature']);
    const codes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(arbParams, fc.constantFrom<'GET' | 'POST'>('GET', 'POST'), async (pairs, method) => {
        // Names once each (a signature covers one value a name), the common ones left to the signer.
        const { normaliseName } = await import('../../src/core/legacy/params.js');
        const byName = new Map(
          pairs
            .filter(([name]) => name !== '' && !reserved.has(normaliseName(name)))
            .map(([n, v]) => [normaliseName(n), [n, v] as const]),
        );
        const params = Object.fromEntries(byName.values());
        const signed = await signLegacyRequest({
          method,
          host: PROXY_HOST,
          path: '/v2/index.php',
          secretId: DEMO_ACCOUNT_A.secretId,
          secretKey: DEMO_ACCOUNT_A.secretKey,
          params: { Action: 'DescribeImages', Region: 'gz', ...params },
        });
        const answer = outcomeOf(await h.sendSigned(method, signed).then((r) => r.json()));
        if (typeof answer.code === 'number') codes.set(answer.code, (codes.get(answer.code) ?? 0) + 1);
        expect(Number.isInteger(answer.code) || typeof answer.code === 'string').toBe(true);
        expect([6000, 'InternalError']).not.toContain(answer.code);
        expect(answer.message).not.toMatch(/\n\s+at |\.ts:\d+/);
      }),
      { numRuns: 2000 },
    );
    // The rules were reached: parameter errors and answers both occurred, a signature failure never.
    expect(codes.get(4000)).toBeGreaterThan(100);
    expect(codes.has(4100)).toBe(false);
  }, 120_000);
});

// Parameters a legacy script might add: names the SDK can send (not numeric, not empty, no leading
// "@" value, which the SDK leaves unsigned for file uploads), values of any Unicode.
const arbExtra = fc
  .dictionary(
    fc.stringMatching(/^[a-z][a-zA-Z0-9_.]{0,10}$/).filter((k) => !KNOWN.includes(k)),
    fc.string({ unit: 'grapheme', maxLength: 30 }).filter((v) => !v.startsWith('@')),
    { maxKeys: 5 },
    // Two names the proxy reads as one (`m_.` and `m__` are both `m..`) are a 4000 by design.
  )
  .filter((extra) => new Set(Object.keys(extra).map((k) => k.replaceAll('_', '.'))).size === Object.keys(extra).length);
const arbSigned = fc.record({
  method: fc.constantFrom<'GET' | 'POST'>('GET', 'POST'),
  signatureMethod: fc.constantFrom<'sha1' | 'sha256'>('sha1', 'sha256'),
  imageType: fc.constantFrom(1, 2, 4),
  limit: fc.integer({ min: 1, max: 100 }),
  extra: arbExtra,
});

async function sendSdkSigned(method: 'GET' | 'POST', query: string): Promise<{ code: number }> {
  const response =
    method === 'GET'
      ? await h.app.request(`http://${PROXY_HOST}/v2/index.php?${query}`, { headers: { host: PROXY_HOST } })
      : await h.app.request(`http://${PROXY_HOST}/v2/index.php`, {
          method,
          headers: { host: PROXY_HOST, 'content-type': 'application/x-www-form-urlencoded' },
          body: query,
        });
  return response.json() as Promise<{ code: number }>;
}

describe('signatures made by the legacy SDK', () => {
  it('verify, whatever the parameters and their Unicode', async () => {
    await fc.assert(
      fc.asyncProperty(arbSigned, async (s) => {
        const sdk = legacySdk({
          SecretId: DEMO_ACCOUNT_A.secretId,
          SecretKey: DEMO_ACCOUNT_A.secretKey,
          host: PROXY_HOST,
          method: s.method,
          signatureMethod: s.signatureMethod,
        });
        const answer = await sendSdkSigned(
          s.method,
          sdk.signedQuery({ imageType: s.imageType, limit: s.limit, ...s.extra }),
        );
        expect(answer).toMatchObject({ code: 0 }); // the whole answer shows if it is not
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  const arbChange = fc.constantFrom('value', 'drop', 'add', 'rename', 'method', 'host', 'signature');
  it('do not verify once anything is changed after signing, and the change never reaches API 3.0', async () => {
    await fc.assert(
      fc.asyncProperty(arbSigned, arbChange, fc.nat(), async (s, change, pick) => {
        const sdk = legacySdk({
          SecretId: DEMO_ACCOUNT_A.secretId,
          SecretKey: DEMO_ACCOUNT_A.secretKey,
          host: change === 'host' ? 'cvm.api.qcloud.com' : PROXY_HOST,
          method: s.method,
          signatureMethod: s.signatureMethod,
        });
        const params = [
          ...new URLSearchParams(sdk.signedQuery({ imageType: s.imageType, limit: s.limit, ...s.extra })),
        ];
        const changeable = params.filter(([name]) => !['Signature', 'SecretId'].includes(name));
        const [name] = changeable[pick % changeable.length]!;
        const index = params.findIndex(([n]) => n === name);
        if (change === 'value') params[index]![1] += '1';
        if (change === 'drop') params.splice(index, 1);
        if (change === 'add') params.push(['zz', 'extra']);
        if (change === 'rename')
          params[index]![0] = name.toUpperCase() === name ? name.toLowerCase() : name.toUpperCase();
        if (change === 'signature')
          params[params.findIndex(([n]) => n === 'Signature')]![1] =
            'AAAA' + params.find(([n]) => n === 'Signature')![1].slice(4);
        const method = change === 'method' ? (s.method === 'GET' ? 'POST' : 'GET') : s.method;
        const calls = h.emulator.emulator.requests.length;
        const answer = await sendSdkSigned(method, new URLSearchParams(params).toString());
        expect([4000, 4100]).toContain(answer.code);
        expect(h.emulator.emulator.requests.length).toBe(calls);
      }),
      { numRuns: 400 },
    );
  }, 120_000);
});

describe('over a real socket', () => {
  it('truncated, garbled and oversized requests get legacy JSON or a closed connection, and the server stays healthy', async () => {
    const { startProxyServer } = await import('../../src/node/server.js');
    const { loadConfig } = await import('../../src/config/load-config.js');
    const { connect } = await import('node:net');
    const { captureLog } = await import('../helpers/log-capture.js');
    const server = await startProxyServer(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        CVM_ENDPOINT: h.emulator.url,
        CLIENT_TIMEOUT_MS: '1000',
        PROXY_CREDENTIALS: JSON.stringify(h.config.credentials),
      }),
      captureLog().logger,
    );
    const port = Number(new URL(server.url).port);
    const arbRaw = fc.oneof(
      // A body shorter than its Content-Length, then the client goes away.
      fc
        .tuple(fc.nat({ max: 50 }), fc.integer({ min: 51, max: 5000 }))
        .map(
          ([sent, declared]) =>
            `POST /v2/index.php HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${declared}\r\n\r\n${'a'.repeat(sent)}`,
        ),
      fc.string({ unit: 'binary-ascii', maxLength: 200 }),
      fc.nat({ max: 20000 }).map((n) => `GET /v2/index.php?${'q'.repeat(n)} HTTP/1.1\r\nHost: x\r\n\r\n`),
      fc.constantFrom(
        'GET /v2/index.php HTTP/1.1\r\nHost: x\r\nX-Bad: \u0000\r\n\r\n',
        'GET / HTTP/9.9\r\n\r\n',
        'POST /v2/index.php HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      ),
    );
    try {
      await fc.assert(
        fc.asyncProperty(arbRaw, async (raw) => {
          const socket = connect(port, '127.0.0.1');
          let text = '';
          socket.on('data', (chunk) => (text += chunk));
          socket.on('error', () => {});
          const closed = new Promise((resolve) => socket.once('close', resolve));
          socket.end(raw);
          await closed;
          if (text === '') return; // the server closed a connection that sent nothing it could answer
          const [head, ...rest] = text.split('\r\n\r\n');
          expect(head).toMatch(/^HTTP\/1\.1 (200|400|404|408|413|431) /);
          expect(head!.toLowerCase()).toContain('content-type: application/json');
          expect(Number.isInteger(JSON.parse(rest.join('\r\n\r\n')).code)).toBe(true);
        }),
        { numRuns: 300 },
      );
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  }, 120_000);
});
