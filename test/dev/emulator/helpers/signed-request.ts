/**
 * Builds 3.0 requests the way the official Node SDK does (http_connection.js `doRequestWithSign3`):
 * POST `/`, JSON body, X-TC-* headers, Host with the port, signature over the host without it.
 * Every piece can be overridden to produce the broken requests the tests need.
 */
import type { Hono } from 'hono';
import { DEMO_ACCOUNT_A } from '../../../../dev/emulator/accounts.js';
import type { EmulatorAccount } from '../../../../dev/emulator/accounts.js';
import { createTc3Signer } from '../../../../src/upstream/cvm3/tc3-signer.js';

/** A fixed clock for the emulator and the signer: 2024-07-01T00:00:00Z. */
export const NOW_SECONDS = 1_719_792_000;
export const NOW_MS = NOW_SECONDS * 1000;
export const HOST = '127.0.0.1:9000';

const sign = createTc3Signer();

export interface CallOptions {
  account?: Pick<EmulatorAccount, 'secretId' | 'secretKey'>;
  body?: unknown;
  /** Raw body text; wins over `body`. */
  rawBody?: string;
  timestamp?: number;
  /** What goes in X-TC-Timestamp, when it should differ from the signed timestamp. */
  timestampHeader?: string | null;
  service?: string;
  /** The Host header; the signature uses it without the port unless `signedHost` says otherwise. */
  host?: string;
  signedHost?: string;
  action?: string | null;
  version?: string | null;
  region?: string | null;
  token?: string;
  /** Replace the Authorization header (null: leave it out). */
  authorization?: string | null;
  /** Change the body after signing. */
  tamperBody?: (body: string) => string;
  path?: string;
}

export async function signedRequest(options: CallOptions = {}): Promise<Request> {
  const account = options.account ?? DEMO_ACCOUNT_A;
  const body = options.rawBody ?? JSON.stringify(options.body ?? {});
  const timestamp = options.timestamp ?? NOW_SECONDS;
  const host = options.host ?? HOST;
  const signed = sign({
    secretId: account.secretId,
    secretKey: account.secretKey,
    service: options.service ?? host.split('.')[0] ?? 'cvm',
    hostname: options.signedHost ?? host.replace(/:\d+$/, ''),
    contentType: 'application/json',
    timestamp,
    body,
  });
  const headers: Record<string, string | null | undefined> = {
    host,
    'content-type': 'application/json',
    'x-tc-action': options.action === undefined ? 'DescribeImages' : options.action,
    'x-tc-version': options.version === undefined ? '2017-03-12' : options.version,
    'x-tc-region': options.region === undefined ? 'ap-guangzhou' : options.region,
    'x-tc-timestamp': options.timestampHeader === undefined ? String(timestamp) : options.timestampHeader,
    'x-tc-token': options.token,
    authorization: options.authorization === undefined ? signed : options.authorization,
  };
  const present = Object.entries(headers).filter((e): e is [string, string] => typeof e[1] === 'string');
  return new Request(`http://${host}${options.path ?? '/'}`, {
    method: 'POST',
    headers: Object.fromEntries(present),
    body: options.tamperBody ? options.tamperBody(body) : body,
  });
}

export interface Answer {
  status: number;
  response: Record<string, any>;
}

/** Sends through `app.request()` and returns the HTTP status and the `Response` object. */
export async function call(app: Hono, options: CallOptions = {}): Promise<Answer> {
  const response = await app.request(await signedRequest(options));
  const json = (await response.json()) as { Response: Record<string, any> };
  return { status: response.status, response: json.Response };
}

export const codeOf = (answer: Answer): string | undefined => answer.response['Error']?.Code;
