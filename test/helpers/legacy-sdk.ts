/**
 * The real legacy Node SDK Tencent published (qcloudapi-sdk@0.2.1, a devDependency), promisified.
 * It signs and sends exactly as unchanged legacy scripts do.
 */
import { createRequire } from 'node:module';

const QcloudApi = createRequire(import.meta.url)('qcloudapi-sdk');

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
        api.request({ Action: 'DescribeImages', ...data }, (error: Error | null, body: unknown) => (error ? reject(error) : resolve(body)));
      });
    },
    /** The signed query string, as the SDK would send it. */
    signedQuery(data: Record<string, unknown>): string {
      return api.generateQueryString({ Action: 'DescribeImages', ...data }, api.defaults);
    },
  };
}
