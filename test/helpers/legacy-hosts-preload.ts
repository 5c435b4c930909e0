/**
 * A hosts-file line for one process: preloaded with `node --import`, it makes the legacy API's host
 * names (`*.api.qcloud.com`) resolve to 127.0.0.1 and leaves every other name to the system
 * resolver. An unchanged legacy client then reaches a proxy on this machine by the legacy name,
 * with no root and no edit of /etc/hosts, as it would once DNS points that name at the proxy.
 *
 * Why the `lookup` property of `require('node:dns')`: Node 20's net.js (lookupAndConnect) connects
 * by name through `options.lookup || dns.lookup`, reading that property of the CJS module object at
 * every connect; http(s) agents, tls.connect, `request` (the legacy SDK's client) and undici (fetch)
 * all get there with no `lookup` of their own. An ESM named import (`import { lookup }`) and
 * `dns.promises` are other bindings and would change nothing. Node 20 asks with `all: true`
 * (autoSelectFamily is on by default), older callers for one address: both shapes are answered.
 */
import { createRequire } from 'node:module';
import type { LookupAddress, LookupOptions } from 'node:dns';

const LEGACY_HOST = /^(?:[a-z0-9-]+\.)*api\.qcloud\.com\.?$/i;
const LOOPBACK: LookupAddress = { address: '127.0.0.1', family: 4 };

type Callback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

const dns = createRequire(import.meta.url)('node:dns') as { lookup: (...args: unknown[]) => void };
const systemLookup = dns.lookup;

dns.lookup = (hostname: unknown, options: unknown, callback?: unknown): void => {
  if (typeof hostname !== 'string' || !LEGACY_HOST.test(hostname)) return systemLookup(hostname, options, callback);
  const done = (typeof options === 'function' ? options : callback) as Callback;
  const all = typeof options === 'object' && options !== null && (options as LookupOptions).all === true;
  process.nextTick(() => (all ? done(null, [LOOPBACK]) : done(null, LOOPBACK.address, LOOPBACK.family)));
};
