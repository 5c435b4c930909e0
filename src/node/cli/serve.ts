/**
 * `qcloud-legacy-proxy serve` (the default command): the proxy on Node, configured from the
 * environment (and --env-file). One start-up line says what runs (version, commit) and where it
 * listens (the addresses bound, and a URL that reaches it from this machine); warnings follow.
 * SIGHUP reloads the TLS certificate and the callers; SIGTERM and SIGINT drain, then exit 0.
 */
import { createReloadableKeyring } from '../../core/legacy/reloadable-keyring.js';
import { effectiveSettings } from '../../config/effective-settings.js';
import { loadConfig, type ProxyConfig } from '../../config/load-config.js';
import { configWarnings } from '../../config/warnings.js';
import { createLogger, type Logger } from '../../observability/logger.js';
import { buildInfo } from '../../observability/version.js';
import { sizeHeapForServing } from '../heap-sizing.js';
import { nodeMacKey } from '../legacy-mac.js';
import { replicaIdentity } from '../replica.js';
import { startProxyServer, type RunningServer } from '../server.js';
import { startFailure } from '../start-failure.js';
import { readTextFile, type Environment } from './env-file.js';
import { credentialsReloader } from './reload-credentials.js';

/** Resolves once the proxy listens (undefined: keep running), or with 1 when it cannot start. */
export async function serve(
  environment: () => Environment,
  stderr: NodeJS.WritableStream,
): Promise<number | undefined> {
  let config: ProxyConfig | undefined;
  sizeHeapForServing();
  try {
    const started = environment();
    config = loadConfig(started.env, readTextFile);
    const logger = createLogger(config.logLevel, undefined, replicaIdentity());
    const keyring = createReloadableKeyring(config.credentials, nodeMacKey);
    const server = await startProxyServer(config, logger, { keyring });
    logStart(config, server, logger);
    const reloadCredentials = credentialsReloader({
      environment,
      keyring,
      logger,
      credentials: config.credentials,
      settings: effectiveSettings(started.env, readTextFile, started.fromFile),
    });
    handleSignals(config, server, logger, reloadCredentials);
    return undefined;
  } catch (error) {
    stderr.write(`${startFailure(error, config)}\n`);
    return 1;
  }
}

function logStart(config: ProxyConfig, server: RunningServer, logger: Logger): void {
  const { version, commit, node } = buildInfo();
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const listen = [
    `http://${host}:${server.port}`,
    ...(server.tlsPort !== undefined ? [`https://${host}:${server.tlsPort}`] : []),
  ];
  logger.info(
    {
      version,
      commit,
      node,
      listen,
      url: server.url,
      tlsUrl: server.tlsUrl,
      adminUrl: server.adminUrl,
      upstream: config.cvmEndpoint.url,
      legacyEndpoint: config.legacyEndpoint?.origin,
      // As /readyz says it: `memory (Redis unavailable)` when Redis did not answer at start-up.
      replayStore: server.readiness().replayStore,
      callers: config.credentials.length,
    },
    'proxy listening',
  );
  for (const warning of configWarnings(config)) logger.warn(warning);
}

function handleSignals(
  config: ProxyConfig,
  server: RunningServer,
  logger: Logger,
  reloadCredentials: () => boolean,
): void {
  // SIGHUP (Node's default is to exit): a renewed TLS certificate and the callers, without a restart.
  process.on('SIGHUP', () => {
    try {
      server.reloadTls();
      if (config.tls) logger.info('TLS certificate reloaded');
    } catch (error) {
      logger.error(
        { cause: (error as Error).message },
        'TLS certificate not reloaded: the previous one is still served',
      );
    }
    reloadCredentials();
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
