/**
 * A stand-in app on a fixed clock, and a legacy client that signs for it the way legacy clients
 * do (dev/legacy-client/sign-request.ts), through `app.request()`.
 */
import type { Hono } from 'hono';
import { DEMO_ACCOUNT_A } from '../../../dev/emulator/accounts.js';
import type { LegacyCall } from '../../helpers/harness.js';
import { signLegacyRequest } from '../../../dev/legacy-client/sign-request.js';
import { createLegacyStandin, type LegacyStandinOptions } from '../../../dev/legacy-standin/app.js';
import { createLegacyStandinControls } from '../../../dev/legacy-standin/controls.js';

/** The host a client addresses the stand-in by, with a port, as a pass-through target would be. */
export const STANDIN_HOST = 'legacy-standin.internal:9100';
/** 2024-07-01T00:00:00Z. */
export const NOW_SECONDS = 1_719_792_000;

export function standin(options: Omit<LegacyStandinOptions, 'controls'> = {}) {
  const controls = createLegacyStandinControls();
  const app = createLegacyStandin({ now: () => NOW_SECONDS * 1000, ...options, controls });
  return { app, controls };
}

/** A call to the stand-in: the same knobs as a call to the proxy in the harness. */
export type StandinCall = LegacyCall;

export async function signFor(call: StandinCall): Promise<Record<string, string>> {
  const account = call.account ?? DEMO_ACCOUNT_A;
  return signLegacyRequest({
    method: call.method ?? 'GET',
    host: call.signedHost ?? call.host ?? STANDIN_HOST,
    path: '/v2/index.php',
    secretId: account.secretId,
    secretKey: account.secretKey,
    signatureMethod: call.signatureMethod,
    timestamp: call.timestamp ?? NOW_SECONDS,
    params: { Action: 'DescribeImages', Region: 'gz', ...call.params },
  });
}

export async function sendTo(
  app: Hono,
  method: 'GET' | 'POST',
  params: Record<string, string>,
  host = STANDIN_HOST,
  init: RequestInit = {},
): Promise<Response> {
  const form = new URLSearchParams(params).toString();
  return method === 'GET'
    ? app.request(`http://${host}/v2/index.php?${form}`, { ...init, headers: { host } })
    : app.request(`http://${host}/v2/index.php`, {
        ...init,
        method,
        headers: { host, 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      });
}

/** Sign, optionally tamper, send, and read the legacy answer (asserting HTTP 200 JSON). */
export async function call(
  app: Hono,
  input: StandinCall,
  tamper?: (params: Record<string, string>) => void,
): Promise<any> {
  const params = await signFor(input);
  tamper?.(params);
  const response = await sendTo(app, input.method ?? 'GET', params, input.host ?? STANDIN_HOST);
  if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('application/json')) {
    throw new Error(`not a legacy answer: HTTP ${response.status} ${response.headers.get('content-type')}`);
  }
  return response.json();
}
