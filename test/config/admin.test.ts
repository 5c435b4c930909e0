/** ADMIN_PORT and ADMIN_HOST: the admin listener's address, never a public listener's port. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';

const BASE = { PROXY_CREDENTIALS: JSON.stringify([{ secretId: 'AKIDx', secretKey: 'k' }]) };

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig({ ...BASE, ...env });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('the admin listener settings', () => {
  it('default to 127.0.0.1:9090', () => {
    expect(loadConfig(BASE).admin).toEqual({ host: '127.0.0.1', port: 9090 });
  });

  it('follow PORT=0 when ADMIN_PORT is unset, so that a server on a free port gets a free admin port', () => {
    expect(loadConfig({ ...BASE, PORT: '0' }).admin.port).toBe(0);
    expect(loadConfig({ ...BASE, PORT: '0', ADMIN_PORT: '9191' }).admin.port).toBe(9191);
    expect(loadConfig({ ...BASE, PORT: '8080', ADMIN_PORT: '0' }).admin.port).toBe(0);
  });

  it('take the host and port given', () => {
    expect(loadConfig({ ...BASE, ADMIN_HOST: '0.0.0.0', ADMIN_PORT: '9464' }).admin).toEqual({
      host: '0.0.0.0',
      port: 9464,
    });
  });

  it('refuse a port that is no port, and one a public listener has', () => {
    expect(problemsOf({ ADMIN_PORT: 'ninety' })).toEqual([
      'ADMIN_PORT must be an integer from 0 to 65535, got "ninety"',
    ]);
    expect(problemsOf({ PORT: '9090' })).toEqual([
      'ADMIN_PORT and PORT are both 9090: the admin listener needs a port of its own',
    ]);
    expect(problemsOf({ PORT: '8080', ADMIN_PORT: '8080' })).toEqual([
      'ADMIN_PORT and PORT are both 8080: the admin listener needs a port of its own',
    ]);
    expect(problemsOf({ TLS_PORT: '9090', TLS_CERT_FILE: '/c', TLS_KEY_FILE: '/k' })).toEqual([
      'ADMIN_PORT and TLS_PORT are both 9090: the admin listener needs a port of its own',
    ]);
    // Without TLS, TLS_PORT is not a listener.
    expect(problemsOf({ TLS_PORT: '9090' })).toEqual([]);
    // Two free ports are two ports.
    expect(problemsOf({ PORT: '0', ADMIN_PORT: '0' })).toEqual([]);
  });
});
