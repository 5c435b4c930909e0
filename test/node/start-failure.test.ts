/** What `npm start` prints when it cannot start: from the loaded configuration, never re-read from the environment. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { startFailure } from '../../src/node/start-failure.js';

const CREDENTIALS = JSON.stringify([{ secretId: 'AKIDa', secretKey: 'k' }]);
const listenError = (code: string, port: number) =>
  Object.assign(new Error(`listen ${code}: 10.0.0.1:${port}`), { code, port });

describe('startFailure', () => {
  it("prints a configuration error's own message", () => {
    const error = new ConfigError(['PORT must be an integer from 0 to 65535, got "eighty"']);
    expect(startFailure(error, undefined)).toBe(error.message);
  });

  it('names HOST and PORT as configured when the HTTP listener cannot open', () => {
    const config = loadConfig({ HOST: '10.0.0.1', PORT: '8080', PROXY_CREDENTIALS: CREDENTIALS });
    expect(startFailure(listenError('EADDRINUSE', 8080), config)).toBe(
      'cannot listen on HOST=10.0.0.1 PORT=8080: listen EADDRINUSE: 10.0.0.1:8080',
    );
  });

  it('names TLS_PORT when the TLS listener is the one that cannot open', () => {
    const config = loadConfig({
      PORT: '8080',
      TLS_PORT: '8443',
      TLS_CERT_FILE: 'c.pem',
      TLS_KEY_FILE: 'k.pem',
      PROXY_CREDENTIALS: CREDENTIALS,
    });
    expect(startFailure(listenError('EACCES', 8443), config)).toBe(
      'cannot listen on HOST=0.0.0.0 TLS_PORT=8443: listen EACCES: 10.0.0.1:8443',
    );
    expect(startFailure(listenError('EACCES', 8080), config)).toMatch(/^cannot listen on HOST=0\.0\.0\.0 PORT=8080: /);
  });

  it('names ADMIN_HOST and ADMIN_PORT when the admin listener is the one that cannot open', () => {
    const config = loadConfig({ PORT: '8080', ADMIN_PORT: '9090', PROXY_CREDENTIALS: CREDENTIALS });
    expect(startFailure(listenError('EADDRINUSE', 9090), config)).toBe(
      'cannot listen on ADMIN_HOST=127.0.0.1 ADMIN_PORT=9090: listen EADDRINUSE: 10.0.0.1:9090',
    );
    const unknownHost = Object.assign(new Error('getaddrinfo ENOTFOUND admin.invalid'), {
      code: 'ENOTFOUND',
      hostname: 'admin.invalid',
    });
    const named = loadConfig({ ADMIN_HOST: 'admin.invalid', PROXY_CREDENTIALS: CREDENTIALS });
    expect(startFailure(unknownHost, named)).toMatch(/^cannot listen on ADMIN_HOST=admin\.invalid ADMIN_PORT=9090: /);
  });

  it('says only that it cannot start for anything else', () => {
    const config = loadConfig({ PROXY_CREDENTIALS: CREDENTIALS });
    expect(startFailure(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }), config)).toBe(
      'cannot start: ENOENT: no such file',
    );
  });
});
