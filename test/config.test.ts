import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const CREDENTIALS = JSON.stringify([{ secretId: 'AKIDa', secretKey: 'keyA' }, { secretId: 'AKIDb', secretKey: 'keyB', upstream: { secretId: 'AKIDu', secretKey: 'keyU' } }]);

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig({ PROXY_CREDENTIALS: CREDENTIALS })).toMatchObject({
      port: 8787, host: '0.0.0.0', timestampWindowSeconds: 300, upstreamTimeoutMs: 10_000, logLevel: 'info',
      cvmEndpoint: { protocol: 'https://', host: 'cvm.tencentcloudapi.com', url: 'https://cvm.tencentcloudapi.com' },
      credentials: [{ secretId: 'AKIDa', secretKey: 'keyA' }, { secretId: 'AKIDb', secretKey: 'keyB', upstream: { secretId: 'AKIDu', secretKey: 'keyU' } }],
    });
  });

  it('reads a local http endpoint with a port', () => {
    expect(loadConfig({ PROXY_CREDENTIALS: CREDENTIALS, CVM_ENDPOINT: 'http://127.0.0.1:9000' }).cvmEndpoint)
      .toEqual({ protocol: 'http://', host: '127.0.0.1:9000', url: 'http://127.0.0.1:9000' });
  });

  it('lists every bad value at once, each naming its variable', () => {
    expect(problems({ PORT: 'x', CVM_ENDPOINT: 'ftp://h', TIMESTAMP_WINDOW_SECONDS: '0', UPSTREAM_TIMEOUT_MS: '-1', LOG_LEVEL: 'loud' })).toEqual([
      'PORT must be an integer from 0 to 65535, got "x"',
      'CVM_ENDPOINT must be an http:// or https:// URL: "ftp://h"',
      'PROXY_CREDENTIALS is required: a JSON array [{"secretId":"…","secretKey":"…","upstream"?:{"secretId":"…","secretKey":"…"}}]',
      'TIMESTAMP_WINDOW_SECONDS must be an integer from 1 to 604800, got "0"',
      'UPSTREAM_TIMEOUT_MS must be an integer from 1 to 600000, got "-1"',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ]);
  });

  it.each([
    ['{', /PROXY_CREDENTIALS is not valid JSON/],
    ['[]', /must be a non-empty JSON array/],
    ['[{"secretId":"a"}]', /PROXY_CREDENTIALS\[0\]\.secretKey must be a non-empty string/],
    ['[{"secretId":"a","secretKey":"s3cr3t"},{"secretId":"a","secretKey":"other"}]', /PROXY_CREDENTIALS\[1\]\.secretId a is listed twice/],
    ['[{"secretId":"a","secretKey":"s3cr3t","upstream":{"secretId":"u"}}]', /PROXY_CREDENTIALS\[0\]\.upstream\.secretKey must be/],
    ['["a"]', /PROXY_CREDENTIALS\[0\] must be an object/],
  ])('refuses PROXY_CREDENTIALS %s, never echoing a key', (value, message) => {
    const found = problems({ PROXY_CREDENTIALS: value });
    expect(found.join('\n')).toMatch(message);
    expect(found.join('\n')).not.toMatch(/s3cr3t|other/);
  });

  it.each(['http://h/path', 'http://u:p@h', 'not a url'])('refuses CVM_ENDPOINT %s', (value) => {
    expect(problems({ PROXY_CREDENTIALS: CREDENTIALS, CVM_ENDPOINT: value })[0]).toMatch(/^CVM_ENDPOINT /);
  });

  it('never echoes a password written into CVM_ENDPOINT', () => {
    expect(problems({ PROXY_CREDENTIALS: CREDENTIALS, CVM_ENDPOINT: 'http://user:hunter2@h' })).toEqual(['CVM_ENDPOINT must not carry credentials: "http://…@h"']);
  });
});

describe('deploy/env.example', () => {
  it('is a complete, valid configuration that names every variable loadConfig reads', async () => {
    const { readFile } = await import('node:fs/promises');
    const { parseEnv } = await import('node:util');
    const env = parseEnv(await readFile(new URL('../deploy/env.example', import.meta.url), 'utf8'));
    expect(loadConfig(env)).toMatchObject({ port: 8787, cvmEndpoint: { url: 'http://127.0.0.1:9000' } });
    expect(Object.keys(env).sort()).toEqual(
      [
        'CACHE_MAX_ENTRIES', 'CACHE_MAX_IMAGES', 'CACHE_TTL_MS', 'CLIENT_TIMEOUT_MS', 'CVM_ENDPOINT', 'HOST', 'LOG_LEVEL', 'MAX_BODY_BYTES', 'PORT', 'PROXY_CREDENTIALS', 'REPLAY_MAX_ENTRIES',
        'SCAN_COALESCING', 'SHUTDOWN_GRACE_MS', 'TIMESTAMP_WINDOW_SECONDS', 'UPSTREAM_CLIENT', 'UPSTREAM_MAX_CONCURRENCY', 'UPSTREAM_MAX_QUEUE', 'UPSTREAM_RATE_PER_SECOND',
        'UPSTREAM_RETRIES', 'UPSTREAM_TIMEOUT_MS',
      ],
    );
  });
});
