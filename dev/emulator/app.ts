/**
 * The built-in CVM 3.0 emulator as a Hono app: `POST /` with JSON bodies exactly as the official
 * SDK sends them (http_connection.js `doRequestWithSign3`). Answers are always HTTP 200, shaped
 * `{"Response":{…,"RequestId"}}` or `{"Response":{"Error":{Code,Message},"RequestId"}}` (docs/contract.md#err-3);
 * the Cvm3Error → envelope translation happens here and nowhere else.
 */
import { Hono } from 'hono';
import { DEMO_ACCOUNTS, accountUins } from './accounts.js';
import type { EmulatorAccount } from './accounts.js';
import { buildCatalogue, defaultCatalogueSpec } from './catalogue.js';
import type { Catalogue } from './catalogue.js';
import { DEFAULT_RATE_LIMIT_PER_SECOND, HEADER, REQUEST_LOG_LIMIT } from './constants.js';
import { Cvm3Error, ERROR_CODE } from './errors.js';
import { handleApiRequest } from './handle-request.js';
import { createRateLimiter } from './rate-limiter.js';
import { parseAuthorization } from './tc3.js';

export interface EmulatorOptions {
  /** Who may call; default: the two demo accounts. */
  accounts?: readonly EmulatorAccount[];
  /** Milliseconds clock for the timestamp window and the rate limit; default `Date.now`. */
  now?: () => number;
  /** Per SecretId per action; default 40 like the real API; 0 turns the limit off. */
  rateLimitPerSecond?: number;
  /** Default: `defaultCatalogueSpec` for the accounts' uins (the demo catalogue for the demo accounts). */
  catalogue?: Catalogue;
}

/** What a test needs to count upstream calls: one per request to `POST /`. */
export interface EmulatorRequestRecord {
  readonly action: string;
  readonly secretId: string;
  readonly region: string;
  readonly errorCode?: string;
}

export interface Emulator {
  readonly app: Hono;
  /** The last 10,000 requests (up to 11,000 between trims), oldest first (a live view). */
  readonly requests: ReadonlyArray<EmulatorRequestRecord>;
  clearRequests(): void;
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const accounts = options.accounts ?? DEMO_ACCOUNTS;
  const deps = {
    accounts: new Map(accounts.map((a) => [a.secretId, a])),
    catalogue: options.catalogue ?? buildCatalogue(defaultCatalogueSpec(accountUins(accounts))),
    limiter: createRateLimiter(options.rateLimitPerSecond ?? DEFAULT_RATE_LIMIT_PER_SECOND),
    now: options.now ?? Date.now,
  };
  const requests: EmulatorRequestRecord[] = [];
  const remember = (record: EmulatorRequestRecord): void => {
    requests.push(record);
    // Trimmed in batches: one splice per thousand requests, not one per request.
    if (requests.length > REQUEST_LOG_LIMIT + 1_000) requests.splice(0, requests.length - REQUEST_LOG_LIMIT);
  };

  const app = new Hono();
  app.post('/', async (c) => {
    const headers = c.req.raw.headers;
    const url = new URL(c.req.url);
    const record = {
      action: headers.get(HEADER.action) ?? '',
      secretId: parseAuthorization(headers.get(HEADER.authorization))?.secretId ?? '',
      region: headers.get(HEADER.region) ?? '',
    };
    const requestId = crypto.randomUUID();
    try {
      const body = new Uint8Array(await c.req.arrayBuffer());
      const host = headers.get(HEADER.host) ?? url.host;
      const result = await handleApiRequest(deps, {
        method: 'POST',
        path: url.pathname,
        query: url.search.slice(1),
        headers,
        host,
        body,
      });
      remember(record);
      return c.json({ Response: { ...result, RequestId: requestId } });
    } catch (error) {
      if (!(error instanceof Cvm3Error)) console.error('emulator: unexpected error', error);
      const e = error instanceof Cvm3Error ? error : new Cvm3Error(ERROR_CODE.internalError, 'Internal error.');
      remember({ ...record, errorCode: e.code });
      return c.json({ Response: { Error: { Code: e.code, Message: e.message }, RequestId: requestId } });
    }
  });
  app.notFound((c) => {
    const message = `No route for ${c.req.method} ${new URL(c.req.url).pathname}: the emulator serves POST /.`;
    return c.json({ Error: { Code: 'NotFound', Message: message } }, 404);
  });

  return { app, requests, clearRequests: () => void requests.splice(0) };
}
