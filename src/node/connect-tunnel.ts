/**
 * Forward-proxy mode (docs/clients.md#https_proxy): a legacy script that honours HTTPS_PROXY opens
 * `CONNECT image.api.qcloud.com:443` here. For the hosts this proxy serves, the tunnel is answered
 * by the proxy itself: TLS is terminated inside it with the drop-in certificate and its requests
 * are served like any other. It is never an open proxy: nothing is ever dialled, and a CONNECT to
 * any other host or port gets 403.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../observability/logger.js';

/** The legacy image API, which this proxy translates: served through a tunnel by default. */
export const LEGACY_IMAGE_AUTHORITY = 'image.api.qcloud.com:443';
const HTTPS_PORT = '443';

export interface TunnelTargetsInput {
  /** PROXY_HOSTS, as configured (`host` or `host:port`, lower case). */
  readonly proxyHosts: ReadonlySet<string> | undefined;
  /** LEGACY_ENDPOINT: its host is served too, as pass-through goes there. */
  readonly legacyEndpoint: URL | undefined;
}

/** The `host:port` authorities a CONNECT may name: PROXY_HOSTS where set, else the legacy hosts served. */
export function tunnelTargets({ proxyHosts, legacyEndpoint }: TunnelTargetsInput): ReadonlySet<string> {
  if (proxyHosts) return new Set([...proxyHosts].map(withHttpsPort));
  const targets = new Set([LEGACY_IMAGE_AUTHORITY]);
  if (legacyEndpoint?.protocol === 'https:') targets.add(withHttpsPort(legacyEndpoint.host));
  return targets;
}

export interface ConnectHandlerOptions {
  readonly targets: ReadonlySet<string>;
  /** The TLS server whose certificate and request handling serve the tunnel; none without TLS_CERT_FILE. */
  readonly tlsServer: Server | undefined;
  readonly logger: Logger;
}

/** The HTTP server's 'connect' listener. */
export function createConnectHandler({ targets, tlsServer, logger }: ConnectHandlerOptions) {
  return (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const authority = (request.url ?? '').toLowerCase();
    if (!targets.has(authority)) {
      logger.warn(
        { target: authority.slice(0, 128), remote: remoteOf(request) },
        'CONNECT refused: not a host this proxy serves (nothing was dialled)',
      );
      refuse(socket, 'this proxy tunnels only to the legacy API hosts it serves');
      return;
    }
    if (!tlsServer) {
      logger.warn({ target: authority }, 'CONNECT refused: forward-proxy mode needs TLS_CERT_FILE and TLS_KEY_FILE');
      refuse(socket, 'this proxy has no TLS certificate to serve the tunnel with');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    // Bytes the client sent after the CONNECT head (an eager ClientHello) go first.
    if (head.length > 0) socket.unshift(head);
    // The TLS server takes the socket as if it had accepted it: handshake timeout, tracking and
    // shutdown included, and the requests inside are served by the same app.
    tlsServer.emit('connection', socket);
  };
}

function refuse(socket: Duplex, reason: string): void {
  socket.end(
    `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\nConnection: close\r\n\r\n${reason}`,
  );
}

function withHttpsPort(host: string): string {
  // `[::1]:8443` and `host:8443` name a port; `host` alone is the HTTPS default.
  return /:\d+$/.test(host) ? host : `${host}:${HTTPS_PORT}`;
}

function remoteOf(request: IncomingMessage): string | undefined {
  return request.socket.remoteAddress;
}
