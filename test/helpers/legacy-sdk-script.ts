/**
 * A legacy script in a process of its own, for tests that need what only a process can have: a
 * resolver changed from outside (legacy-hosts-preload.ts) or a CA trusted at start-up
 * (NODE_EXTRA_CA_CERTS). Makes each call of LEGACY_CALLS (JSON, `ScriptedCall[]`) in turn with the
 * key pair in LEGACY_SECRET_ID / LEGACY_SECRET_KEY, and prints one JSON line: `ScriptedResult[]`.
 * Only answers and error codes are printed, never a key or a signature.
 *
 * `sdk` is the real legacy SDK (qcloudapi-sdk@0.2.1) over https exactly as a legacy script calls it;
 * it does not verify certificates (`strictSSL: false` in its `request` call). `fetch` sends the
 * SDK's signed GET query with Node's fetch, which does verify them, as other clients do.
 */
import { createRequire } from 'node:module';

export interface ScriptedCall {
  readonly client: 'sdk' | 'fetch';
  /**
   * `host[:port]` the client addresses and signs; absent, the SDK's own default for the image
   * API (`serviceType: 'image'` → image.api.qcloud.com), as an unchanged legacy script has it.
   */
  readonly host?: string;
  readonly method: 'GET' | 'POST';
  readonly signatureMethod: 'sha1' | 'sha256';
  readonly data: Readonly<Record<string, unknown>>;
}

export type ScriptedResult = { readonly answer: any } | { readonly error: string };

const QcloudApi = createRequire(import.meta.url)('qcloudapi-sdk');

async function call({ client, host, method, signatureMethod, data }: ScriptedCall): Promise<ScriptedResult> {
  const api = new QcloudApi({
    protocol: 'https',
    ...(host ? { host } : { serviceType: 'image' }),
    method,
    signatureMethod,
    Region: 'gz',
    SecretId: process.env.LEGACY_SECRET_ID,
    SecretKey: process.env.LEGACY_SECRET_KEY,
  });
  const request = { Action: 'DescribeImages', ...data };
  try {
    if (client === 'fetch') {
      const response = await fetch(`https://${host}/v2/index.php?${api.generateQueryString(request, api.defaults)}`);
      return { answer: await response.json() };
    }
    return {
      answer: await new Promise((resolve, reject) => {
        api.request(request, (error: Error | null, body: unknown) => (error ? reject(error) : resolve(body)));
      }),
    };
  } catch (error) {
    // fetch wraps the socket's error; its code (e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE) says enough.
    const cause = (error as { cause?: { code?: string } }).cause ?? (error as { code?: string });
    return { error: cause.code ?? (error as Error).name };
  }
}

const calls = JSON.parse(process.env.LEGACY_CALLS ?? '[]') as ScriptedCall[];
const results: ScriptedResult[] = [];
for (const scripted of calls) results.push(await call(scripted));
process.stdout.write(`${JSON.stringify(results)}\n`);
