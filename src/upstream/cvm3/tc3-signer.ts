/**
 * A small TC3-HMAC-SHA256 signer for the lean Node client (SIG-3; api-facts.md A2), on node:crypto
 * because it is synchronous and cheap. The day's signing key (the HMAC chain TC3+key → date →
 * service → tc3_request) is derived once per key pair, UTC day and service, then reused. It signs
 * exactly what the official SDK signs: POST /, no query, `content-type;host` with the host's name
 * without port. Checked against the published vector and the SDK's own signatures in tests.
 */
import { createHash, createHmac } from 'node:crypto';
import { createDayKeyCache } from '../../core/cvm3/day-key-cache.js';
import { TC3_ALGORITHM, TC3_TERMINATOR } from '../../core/cvm3/types.js';

const SIGNED_HEADERS = 'content-type;host';

export interface Tc3Request {
  readonly secretId: string;
  readonly secretKey: string;
  readonly service: string;
  /** The host's name, without port. */
  readonly hostname: string;
  readonly contentType: string;
  readonly body: string;
  /** Unix seconds. */
  readonly timestamp: number;
}

export function createTc3Signer(): (request: Tc3Request) => string {
  const dayKey = createDayKeyCache((secretKey, date, service) => {
    const kDate = createHmac('sha256', `TC3${secretKey}`).update(date).digest();
    const kService = createHmac('sha256', kDate).update(service).digest();
    return createHmac('sha256', kService).update(TC3_TERMINATOR).digest();
  });

  return function authorization(request) {
    const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
    const canonical = [
      'POST', '/', '',
      `content-type:${request.contentType}\nhost:${request.hostname}\n`,
      SIGNED_HEADERS,
      createHash('sha256').update(request.body).digest('hex'),
    ].join('\n');
    const scope = `${date}/${request.service}/${TC3_TERMINATOR}`;
    const toSign = `${TC3_ALGORITHM}\n${request.timestamp}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
    const signature = createHmac('sha256', dayKey(request.secretKey, date, request.service)).update(toSign).digest('hex');
    return `${TC3_ALGORITHM} Credential=${request.secretId}/${scope}, SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`;
  };
}
