/**
 * The objects made for every legacy request are plain objects of one hidden class with fast
 * properties (docs/performance.md#gc). An object literal with a getter is not: V8 makes it a
 * dictionary-mode object whose getter is a new closure in an accessor pair that V8 allocates in the
 * old generation, so each request's closure, and the whole request behind it, outlived every
 * scavenge until a full collection. Under load that kept ~1.7 MB alive through each scavenge,
 * promoted it, and ran a full collection every ~0.3 s: about a fifth of a cache hit's CPU. V8 tells
 * an object's kind only through its natives syntax, allowed here for this file's own worker.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A } from '../../dev/emulator/accounts.js';
import { startEmulatorServer, type EmulatorServer } from '../../dev/emulator/server.js';
import { signLegacyRequest } from '../../dev/legacy-client/sign-request.js';
import { loadConfig } from '../../src/config/load-config.js';
import { configuredScanCache } from '../../src/compose.js';
import { createCallerKeyring } from '../../src/core/legacy/keyring.js';
import type { RouteContext } from '../../src/gateway/context.js';
import { createLegacyGateway, type IncomingLegacyRequest } from '../../src/gateway/index.js';
import { RequestRecord } from '../../src/gateway/request-record.js';
import type { LegacyExchangeRequest } from '../../src/http/legacy-exchange.js';
import { legacyRoute } from '../../src/node/legacy-route.js';
import { nodeMacKey } from '../../src/node/legacy-mac.js';
import { createNodeParts } from '../../src/node/parts.js';
import { createLogger } from '../../src/observability/logger.js';
import { createMemoryReplayStore } from '../../src/replay/memory-replay-store.js';

setFlagsFromString('--allow-natives-syntax');
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- natives syntax only parses in code compiled after the flag
const oneFastKind = new Function(
  'a',
  'b',
  'return %HaveSameMap(a, b) && %HasFastProperties(a) && %HasFastProperties(b)',
) as (a: object, b: object) => boolean;

describe('per-request objects: one hidden class, fast properties', () => {
  it('the check itself tells a getter literal from a class', () => {
    const literal = (n: number) => ({
      get n() {
        return n;
      },
    });
    class Held {
      constructor(private readonly value: number) {}
      get n(): number {
        return this.value;
      }
    }
    expect(oneFastKind(literal(1), literal(2))).toBe(false);
    expect(oneFastKind(new Held(1), new Held(2))).toBe(true);
  });

  it("Node's direct legacy route: the request it hands the exchange, and its client-gone signal", () => {
    const seen: LegacyExchangeRequest[] = [];
    const route = legacyRoute({
      exchange: async (request) => void seen.push(request),
      maxBodyBytes: 1024,
      background: () => {},
    });
    for (const id of ['a', 'b']) {
      const incoming = { method: 'POST', url: '/v2/index.php', headers: { host: 'proxy.test', 'x-request-id': id } };
      const outgoing = { destroyed: false, writableFinished: false };
      expect(route(incoming as unknown as IncomingMessage, outgoing as unknown as ServerResponse)).toBe(true);
    }
    const [first, second] = seen;
    expect(oneFastKind(first!, second!)).toBe(true);
    expect(oneFastKind(first!.signal!, second!.signal!)).toBe(true);
    expect(first!.signal!.aborted).toBe(false);
  });

  describe('the gateway: the context every route gets', () => {
    let emulator: EmulatorServer;
    beforeAll(async () => {
      emulator = await startEmulatorServer({ port: 0, rateLimitPerSecond: 0 });
    });
    afterAll(() => emulator.close());

    it('is of one hidden class for every request, a cache hit or a scan', async () => {
      const config = loadConfig({
        CVM_ENDPOINT: emulator.url,
        PROXY_CREDENTIALS: JSON.stringify([{ secretId: DEMO_ACCOUNT_A.secretId, secretKey: DEMO_ACCOUNT_A.secretKey }]),
      });
      const logger = createLogger('silent');
      const parts = await createNodeParts(config, logger);
      const contexts: RouteContext[] = [];
      const gateway = createLegacyGateway({
        keyring: createCallerKeyring(config.credentials, nodeMacKey),
        routes: config.actionRoutes,
        proxyHosts: undefined,
        forward: undefined,
        // Handed each translated request's context after its answer: the one place a test can see it.
        shadow: (context) => void contexts.push(context),
        replay: createMemoryReplayStore({ maxEntries: 100, now: Date.now }),
        cvm: parts.runtime.cvm,
        scans: configuredScanCache(config, Date.now),
        now: Date.now,
        timestampWindowSeconds: config.timestampWindowSeconds,
        upstreamTimeoutMs: config.upstreamTimeoutMs,
      });
      const target = { method: 'POST', host: 'proxy.test', path: '/v2/index.php' };
      for (const id of ['scan', 'hit']) {
        const params = await signLegacyRequest({
          ...target,
          ...DEMO_ACCOUNT_A,
          params: { Action: 'DescribeImages', Region: 'gz', imageType: 2 },
        });
        const request: IncomingLegacyRequest = {
          ...target,
          query: [],
          readParams: async () => Object.entries(params),
          background: () => {},
        };
        const answer = await gateway(request, new RequestRecord(id));
        expect(answer).toMatchObject({ kind: 'legacy', envelope: { code: 0 } });
      }
      parts.closeUpstream();
      await parts.closeReplay();
      expect(contexts).toHaveLength(2);
      expect(oneFastKind(contexts[0]!, contexts[1]!)).toBe(true);
    });
  });
});
