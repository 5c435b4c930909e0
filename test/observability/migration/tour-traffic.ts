/**
 * The demo's tour (dev/demo/tour.ts) sent to a running proxy as the demo sends it: signed for the
 * proxy's host, GET or POST, a replay sent twice. Returns each step's unsigned call as a query
 * string, for `translate`.
 */
import { TOUR, type Tour } from '../../../dev/demo/tour.js';
import { signLegacyRequest } from '../../../dev/legacy-client/sign-request.js';

export interface SentCall {
  readonly step: Tour;
  /** The call's own parameters (Action, Region, …), without the signature's. */
  readonly query: string;
  /** Everything sent, signature included (its shape drops the signature's parameters). */
  readonly signed: Readonly<Record<string, string>>;
}

export async function sendTour(proxyUrl: string, steps: readonly Tour[] = TOUR): Promise<SentCall[]> {
  const host = new URL(proxyUrl).host;
  const sent: SentCall[] = [];
  for (const step of steps) {
    const params = { Action: 'DescribeImages', Region: 'gz', ...step.params };
    const signed = await signLegacyRequest({
      method: step.method,
      host,
      path: '/v2/index.php',
      ...step.account,
      signatureMethod: step.signatureMethod,
      params,
    });
    const form = new URLSearchParams(signed).toString();
    for (let i = step.replay ? 2 : 1; i > 0; i--) {
      const response =
        step.method === 'GET'
          ? await fetch(`${proxyUrl}/v2/index.php?${form}`)
          : await fetch(`${proxyUrl}/v2/index.php`, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: form,
            });
      await response.text();
    }
    sent.push({
      step,
      signed,
      query: new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString(),
    });
  }
  return sent;
}
