/**
 * `npm start`: the proxy on Node, configured from the environment.
 */
import { loadConfig, type ProxyConfig } from '../config/load-config.js';
import { createLogger } from '../observability/logger.js';
import { sizeHeapForServing } from './heap-sizing.js';
import { startProxyServer } from './server.js';
import { startFailure } from './start-failure.js';

let config: ProxyConfig | undefined;
try {
  config = loadConfig(process.env);
  await run(config);
} catch (error) {
  console.error(startFailure(error, config));
  process.exit(1);
}

async function run(config: ProxyConfig): Promise<void> {
  sizeHeapForServing();
  const logger = createLogger(config.logLevel);
  const server = await startProxyServer(config, logger);
  logger.info(
    { url: server.url, tlsUrl: server.tlsUrl, upstream: config.cvmEndpoint.url, legacyEndpoint: config.legacyEndpoint?.origin, replayStore: config.redisUrl ? 'redis' : 'memory', callers: config.credentials.length },
    'proxy listening',
  );
  // SIGHUP (Node's default is to exit) reloads a renewed TLS certificate, without a restart.
  process.on('SIGHUP', () => {
    try {
      server.reloadTls();
      logger.info({ tls: Boolean(config.tls) }, config.tls ? 'TLS certificate reloaded' : 'SIGHUP: no TLS certificate to reload');
    } catch (error) {
      logger.error({ cause: (error as Error).message }, 'TLS certificate not reloaded: the previous one is still served');
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: finishing requests in flight');
      void server.shutdown(config.shutdownGraceMs).then((cut) => {
        logger.info({ cut }, 'stopped');
        process.exit(0);
      });
    });
  }
}
