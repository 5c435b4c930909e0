/**
 * The real legacy Node SDK Tencent published (qcloudapi-sdk@0.2.1, a devDependency), promisified.
 * It signs and sends exactly as unchanged legacy scripts do.
 */
import { createRequire } from 'node:module';

const QcloudApi = createRequire(import.meta.url)('qcloudapi-sdk');

/**
 * The SDK draws its Nonce from 65,536 values: two equal requests in one second would then be one
 * signed request, a replay (4500), about once in 65,536 runs. A script may pass its own Nonce (the
 * SDK signs what it is given), and this helper does: from the same range, never the same one twice.
 */
let lastNonce = Math.floor(Math.random() * 65_535);
const nextNonce = () => (lastNonce = (lastNonce % 65_535) + 1);

export interface LegacySdkOptions {
  SecretId: string;
  SecretKey: string;
  /** `host[:port]` the SDK addresses (and signs). */
  host: string;
  method?: 'GET' | 'POST';
  signatureMethod?: 'sha1' | 'sha256';
  Region?: string;
}

export function legacySdk(options: LegacySdkOptions) {
  const api = new QcloudApi({ protocol: 'http', Region: 'gz', method: 'POST', ...options });
  return {
    request(data: Record<string, unknown>): Promise<any> {
      return new Promise((resolve, reject) => {
        api.request({ Action: 'DescribeImages', Nonce: nextNonce(), ...data }, (error: Error | null, body: unknown) =>
          error ? reject(error) : resolve(body),
        );
      });
    },
    /** The signed query string, as the SDK would send it. */
    signedQuery(data: Record<string, unknown>): string {
      return api.generateQueryString({ Action: 'DescribeImages', Nonce: nextNonce(), ...data }, api.defaults);
    },
  };
}
