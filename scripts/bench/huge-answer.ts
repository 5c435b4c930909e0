/**
 * `npx tsx scripts/bench/huge-answer.ts`: a 3.0 endpoint that answers 300 MB, through both 3.0
 * clients as the Node server builds them: how long until the 6200, how much of the answer the
 * endpoint got to send, and the process's peak RSS over its RSS before. Prints figures; asserts
 * nothing. HUGE_ANSWER_MB (default 300).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cvm3Client } from '../../src/upstream/cvm3/client.js';
import { parseCvm3Endpoint } from '../../src/upstream/cvm3/endpoint.js';
import { createNoRedirectAgent } from '../../src/upstream/cvm3/no-redirect-agent.js';
import { createSdkCvm3Client } from '../../src/upstream/cvm3/sdk-client.js';
import { createUndiciCvm3Client } from '../../src/upstream/cvm3/undici-client.js';

const MB = 1024 * 1024;
const ANSWER_MB = Number(process.env.HUGE_ANSWER_MB ?? 300);

let sentMb = 0;
const server = createServer((request, response) => {
  request.resume();
  sentMb = 0;
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('{"Response":{"TotalCount":0,"ImageSet":[],"RequestId":"r","Padding":"');
  const chunk = Buffer.alloc(MB, 'x');
  const write = (): void => {
    while (sentMb < ANSWER_MB && !response.destroyed) {
      sentMb += 1;
      if (!response.write(chunk)) return void response.once('drain', write);
    }
    response.end('"}}');
  };
  write();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const endpoint = parseCvm3Endpoint(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);

async function measure(name: string, client: Cvm3Client): Promise<void> {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  const outcome = await client
    .describeImages({
      identity: { secretId: 'AKIDbench', secretKey: 'k' },
      region: 'ap-guangzhou',
      request: { Limit: 1 },
      signal: AbortSignal.timeout(30_000),
      deadline: Date.now() + 30_000,
    })
    .then(
      () => 'code 0 (accepted!)',
      (error: Error & { code?: number }) => `${error.code}: ${error.message}`,
    );
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `${name}: ${outcome} after ${ms.toFixed(0)} ms; the endpoint sent ${sentMb} of ${ANSWER_MB} MB; peak RSS +${((peak - before) / MB).toFixed(0)} MB (from ${(before / MB).toFixed(0)} MB)`,
  );
}

const agent = createNoRedirectAgent(endpoint.protocol, { keepAlive: true, maxSockets: 4 });
await measure('sdk', createSdkCvm3Client({ endpoint, agent }));
const undici = createUndiciCvm3Client({ endpoint });
await measure('undici', undici);
agent.destroy();
await undici.close();
server.closeAllConnections();
server.close();
