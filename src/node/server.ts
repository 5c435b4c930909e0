/**
 * The proxy as a Node HTTP server (and HTTPS beside it, with TLS_CERT_FILE): the proxy built from
 * the Node parts, client timeouts, listening, and a graceful drain. The admin listener
 * (/metrics, /migration, /readyz) runs beside them on ADMIN_HOST:ADMIN_PORT. Used by `npm start`,
 * the demo, the soak and the end-to-end tests.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { getRequestListener } from '@hono/node-server';
import type { ProxyConfig } from '../config/load-config.js';
import { LegacyError } from '../core/errors.js';
import { legacyFailure } from '../core/legacy/envelope.js';
import { answerClientError, answerExpectationFailed } from '../http/client-error.js';
import { createConnectHandler, tunnelTargets } from './connect-tunnel.js';
import { answerVersionlessRequestLine } from './request-line-guard.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { throttled } from '../observability/throttle.js';
import { createProxy, type ProxyRuntime } from '../compose.js';
import { settled } from '../http/background.js';
import { legacyRoute } from './legacy-route.js';
import { createNodeParts } from './parts.js';
import { createAdminApp } from './admin-app.js';
import { startAdminServer } from './admin-server.js';
import { listen } from './listen.js';
import { readiness, type Readiness } from './readiness.js';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** The TLS listener's address, when TLS_CERT_FILE and TLS_KEY_FILE are set. */
  readonly tlsUrl?: string;
  readonly tlsPort?: number;
  /** The admin listener's address (ADMIN_HOST:ADMIN_PORT): /metrics, /migration, /readyz. */
  readonly adminUrl: string;
  readonly adminPort: number;
  /** What /readyz says now. */
  readiness(): Readiness;
  /**
   * Reads TLS_CERT_FILE and TLS_KEY_FILE again and serves them to new connections (SIGHUP, after a
   * renewal); on failure the old certificate stays and the error is thrown. Without TLS: nothing.
   */
  reloadTls(): void;
  /** Stops at once: open connections are cut. */
  close(): Promise<void>;
  /**
   * Graceful stop: no new connections, /healthz and /readyz answer 503, requests in flight finish;
   * whatever is still open after `graceMs` is cut, then the admin listener closes. Resolves with
   * how many requests were cut.
   */
  shutdown(graceMs: number): Promise<number>;
}

/** `runtime`: parts to use instead of those built from the configuration (the CLI's reloadable keyring). */
export async function startProxyServer(
  config: ProxyConfig,
  logger: Logger = createLogger(config.logLevel),
  runtime: Partial<ProxyRuntime> = {},
): Promise<RunningServer> {
  // Read before anything listens: a missing certificate stops the start, not the first TLS client.
  const tls = config.tls && {
    port: config.tls.port,
    cert: readFileSync(config.tls.certFile),
    key: readFileSync(config.tls.keyFile),
  };
  const parts = await createNodeParts(config, logger);
  let draining = false;
  // Requests in flight, from arrival until their response is written out (or the client left).
  const inFlight = new Set<ServerResponse>();
  const { app, exchange } = createProxy(config, { ...parts.runtime, ...runtime, isDraining: () => draining });
  // First, so that a port it cannot have stops the start before any public listener opens.
  const currentReadiness = () => readiness(draining, parts.replayStore());
  const admin = await startAdminServer(
    createAdminApp({ pages: parts.adminPages, readiness: currentReadiness, logger }),
    config.admin,
  ).catch(async (error: unknown) => {
    parts.closeUpstream();
    await parts.closeReplay();
    throw error;
  });
  // A client that dribbles its request holds only its own connection, and only until CLIENT_TIMEOUT_MS
  // (checked every quarter of it). Host is the app's to judge, so a bad one gets a legacy answer.
  const serverOptions = {
    requestTimeout: config.clientTimeoutMs,
    headersTimeout: config.clientTimeoutMs,
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(config.clientTimeoutMs / 4))),
    requireHostHeader: false,
  };
  // What the adapter cannot turn into a Request (a Host that is no host) still gets legacy JSON.
  const errorHandler = () =>
    Response.json(legacyFailure(new LegacyError(4000, 'the request is not valid HTTP')), { status: 400 });
  const appListener = getRequestListener(app.fetch, { errorHandler });
  // The legacy endpoint straight from Node's request (legacy-route.ts); every other request, the app.
  const serveLegacy = legacyRoute({
    exchange,
    maxBodyBytes: config.maxBodyBytes,
    background: (task) => void settled(task, logger),
  });
  const forget = function (this: ServerResponse) {
    inFlight.delete(this);
  };
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    // In flight until its answer is written out or its client left. One 'close' is ever emitted:
    // a plain listener shared by all, not a wrapper made for each request by once().
    inFlight.add(response);
    response.on('close', forget);
    if (draining) response.setHeader('connection', 'close');
    if (!serveLegacy(request, response)) void appListener(request, response);
  };
  // HTTP always; HTTPS beside it so that legacy host names (image.api.qcloud.com) can point here.
  const servers: Server[] = [createServer(serverOptions, listener)];
  // A TLS client gets as long for its handshake as any client has for its request.
  if (tls)
    servers.push(
      createHttpsServer(
        { ...serverOptions, cert: tls.cert, key: tls.key, handshakeTimeout: config.clientTimeoutMs },
        listener,
      ),
    );
  // CONNECT (forward-proxy mode): tunnels to the hosts served end in the TLS listener's handler.
  const onConnect = createConnectHandler({ targets: tunnelTargets(config), tlsServer: servers[1], logger });
  const guardConnection = (socket: Socket) =>
    answerVersionlessRequestLine(socket, (s) => answerClientError(VERSIONLESS, s));
  const logDropped = droppedConnectionLogger(logger, config.maxConnections);
  for (const server of servers) {
    // Past MAX_CONNECTIONS a connection is closed as soon as it is accepted: a flood of connections
    // that never finish cannot take the process's memory or file descriptors.
    server.maxConnections = config.maxConnections;
    server.on('drop', logDropped);
    // On the TLS listener, HTTP starts once the handshake is done.
    server.on(server === servers[1] ? 'secureConnection' : 'connection', guardConnection);
    server.on('checkExpectation', answerExpectationFailed);
    server.on('connect', onConnect);
    server.on('clientError', answerClientError);
  }
  // Connections still in their TLS handshake are not HTTP connections yet: closeAllConnections()
  // does not see them, so the server keeps every TLS connection here to cut it when it stops.
  const handshaking = new Set<Socket>();
  if (tls) {
    const logFailure = tlsFailureLogger(logger);
    servers[1]!.on('connection', (socket: Socket) => {
      handshaking.add(socket);
      socket.once('close', () => handshaking.delete(socket));
    });
    servers[1]!.on('tlsClientError', (error: Error & { code?: string }, socket: TLSSocket) => {
      logFailure(error);
      socket.destroy();
    });
  }
  const closed = servers.map((server) => new Promise<void>((done) => server.once('close', () => done())));
  const listening = await Promise.allSettled(
    servers.map((server, i) => listen(server, i === 0 ? config.port : tls!.port, config.host)),
  );
  const failed = listening.find((result) => result.status === 'rejected');
  if (failed) {
    // One listener could not start: nothing of this server may stay open behind the caller's back.
    for (const server of servers) server.close();
    await admin.close();
    parts.closeUpstream();
    await parts.closeReplay();
    throw failed.reason;
  }
  const [http, https] = listening.map((result) => (result as PromiseFulfilledResult<string>).value);
  const cut = () => {
    for (const socket of handshaking) socket.destroy();
    for (const server of servers) server.closeAllConnections();
    parts.closeUpstream();
  };
  const stopListening = () => {
    for (const server of servers) server.close();
  };
  return {
    url: `http://${http!}`,
    port: Number(http!.split(':').pop()),
    tlsUrl: https ? `https://${https}` : undefined,
    tlsPort: https ? Number(https.split(':').pop()) : undefined,
    adminUrl: admin.url,
    adminPort: admin.port,
    readiness: currentReadiness,
    reloadTls() {
      if (!config.tls) return;
      const cert = readFileSync(config.tls.certFile);
      const key = readFileSync(config.tls.keyFile);
      // setSecureContext checks that the pair parses (and matches) before it takes effect.
      (servers[1] as unknown as { setSecureContext(options: { cert: Buffer; key: Buffer }): void }).setSecureContext({
        cert,
        key,
      });
    },
    close: async () => {
      stopListening();
      cut();
      await Promise.all(closed);
      await admin.close();
      await parts.closeReplay();
    },
    async shutdown(graceMs) {
      draining = true;
      // Answers still to come close their connections: keep-alive clients go elsewhere.
      for (const response of inFlight) if (!response.headersSent) response.setHeader('connection', 'close');
      stopListening();
      const deadline = Date.now() + graceMs;
      // Keep-alive connections that fall idle after their last answer are closed as they do.
      while (inFlight.size > 0 && Date.now() < deadline) {
        for (const server of servers) server.closeIdleConnections();
        await new Promise((wait) => setTimeout(wait, 50));
      }
      const cutRequests = inFlight.size;
      cut();
      await Promise.all(closed);
      // /readyz said `draining` all along; now nothing is left to report on.
      await admin.close();
      // Only now: the requests that finished during the drain still checked for replays.
      await parts.closeReplay();
      return cutRequests;
    },
  };
}

/** What a request line without an HTTP version (HTTP/0.9) is answered as: not valid HTTP. */
const VERSIONLESS = Object.assign(new Error('the request line names no HTTP version'), { code: 'HPE_INVALID_VERSION' });

/** Connections refused past MAX_CONNECTIONS are logged at most once a second, with a count of the others. */
function droppedConnectionLogger(logger: Logger, maxConnections: number): () => void {
  const log = throttled((_: undefined, suppressed: number) => {
    logger.warn({ maxConnections, suppressed }, 'connection refused: MAX_CONNECTIONS are open');
  }, Date.now);
  return () => log(undefined);
}

/**
 * A failed TLS handshake (most often: a client that does not trust the certificate) is the usual
 * drop-in problem, so it is logged, at most once a second with a count of the others, so that a
 * scanner cannot flood the log.
 */
function tlsFailureLogger(logger: Logger): (error: Error & { code?: string }) => void {
  return throttled((error, suppressed) => {
    logger.info(
      { code: error.code, reason: error.message.slice(0, 120), suppressed },
      'TLS handshake failed (does the client trust the certificate?)',
    );
  }, Date.now);
}
