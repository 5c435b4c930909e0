/**
 * For `npm run soak`, as its own process (so that its work does not slow the probe that measures):
 * `connections` keep-alive connections sending the unsigned 64 KiB body `a&` × 32,000 back to back
 * for `seconds`, then the number of requests sent on stdout. Usage: flooder.ts <url> <connections> <seconds>
 */
import { Agent, request } from 'node:http';

const [url, connections, seconds] = process.argv.slice(2);
const origin = new URL(url!);
const agent = new Agent({ keepAlive: true, maxSockets: Number(connections) });
const body = Buffer.from('a&'.repeat(32_000));
const until = Date.now() + Number(seconds) * 1000;
let sent = 0;

function send(): Promise<void> {
  return new Promise((resolve) => {
    const outgoing = request(
      {
        host: origin.hostname,
        port: origin.port,
        method: 'POST',
        path: '/v2/index.php',
        agent,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve());
      },
    );
    outgoing.on('error', () => resolve());
    outgoing.end(body);
  });
}

console.log('flooding');
await Promise.all(
  Array.from({ length: Number(connections) }, async () => {
    while (Date.now() < until) {
      await send();
      sent += 1;
    }
  }),
);
agent.destroy();
console.log(`sent ${sent}`);
