/**
 * `npm start`: the proxy on Node, configured from the environment.
 */
import { ConfigError, loadConfig } from '../config/load-config.js';
import { createLogger } from '../observability/logger.js';
import { startProxyServer } from './server.js';

try {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const server = await startProxyServer(config, logger);
  logger.info(
    { url: server.url, ...(server.tlsUrl ? { tlsUrl: server.tlsUrl } : {}), upstream: config.cvmEndpoint.url, legacyEndpoint: config.legacyEndpoint?.origin, replayStore: config.redisUrl ? 'redis' : 'memory', callers: config.credentials.length },
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
} catch (error) {
  const { code = '', port } = error as { code?: string; port?: number };
  // Which listener failed: the error names its port, and TLS_PORT is the other one.
  const tlsPort = process.env.TLS_CERT_FILE ? Number(process.env.TLS_PORT || 8443) : undefined;
  const listener = port !== undefined && port === tlsPort && String(port) !== process.env.PORT ? `TLS_PORT=${port}` : `PORT=${process.env.PORT ?? 8787}`;
  const listen = `cannot listen on HOST=${process.env.HOST ?? '0.0.0.0'} ${listener}`;
  const cause = /^(EADDRINUSE|EADDRNOTAVAIL|EACCES|ENOTFOUND|EAI_AGAIN)$/.test(code) ? listen : 'cannot start';
  console.error(error instanceof ConfigError ? error.message : `${cause}: ${(error as Error).message}`);
  process.exit(1);
}
