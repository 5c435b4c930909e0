/**
 * Legacy DescribeImages requests as the legacy Node SDK (qcloudapi-sdk) sends them by default: a
 * POST form, HmacSHA1, each signed as it is sent with the current Timestamp and a new Nonce, so
 * that none is a replay however long the bench runs. GET puts the same parameters in the query.
 */
import { createHmac } from 'node:crypto';

export type BenchMethod = 'GET' | 'POST';

export interface SignedRequest {
  method: BenchMethod;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
let nonce = 0;

/** A function that makes the next signed request for `host` (as the client sends it in Host). */
export function legacyRequests(
  host: string,
  account: { secretId: string; secretKey: string },
  params: Record<string, string>,
  method: BenchMethod,
): () => SignedRequest {
  return () => {
    nonce += 1;
    const all: Record<string, string> = {
      Action: 'DescribeImages',
      Region: 'gz',
      SecretId: account.secretId,
      Timestamp: String(Math.floor(Date.now() / 1000)),
      Nonce: String(nonce),
      ...params,
    };
    const text = Object.keys(all)
      .sort()
      .map((k) => `${k}=${all[k]}`)
      .join('&');
    const signature = createHmac('sha1', account.secretKey)
      .update(`${method}${host}/v2/index.php?${text}`)
      .digest('base64');
    const form = new URLSearchParams({ ...all, Signature: signature }).toString();
    return method === 'GET'
      ? { method, path: `/v2/index.php?${form}` }
      : { method, path: '/v2/index.php', headers: FORM, body: form };
  };
}
