import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { SETTINGS } from '../../src/config/schema.js';

const CREDENTIALS = JSON.stringify([
  { secretId: 'AKIDa', secretKey: 'keyA' },
  { secretId: 'AKIDb', secretKey: 'keyB', upstream: { secretId: 'AKIDu', secretKey: 'keyU' } },
]);

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
      port: 8787,
      host: '0.0.0.0',
      timestampWindowSeconds: 300,
      upstreamTimeoutMs: 10_000,
      logLevel: 'info',
      cvmEndpoint: { protocol: 'https://', host: 'cvm.tencentcloudapi.com', url: 'https://cvm.tencentcloudapi.com' },
      credentials: [
        { secretId: 'AKIDa', secretKey: 'keyA' },
        { secretId: 'AKIDb', secretKey: 'keyB', upstream: { secretId: 'AKIDu', secretKey: 'keyU' } },
      ],
    });
  });

  it('reads a local http endpoint with a port', () => {
    expect(loadConfig({ PROXY_CREDENTIALS: CREDENTIALS, CVM_ENDPOINT: 'http://127.0.0.1:9000' }).cvmEndpoint).toEqual({
      protocol: 'http://',
      host: '127.0.0.1:9000',
      url: 'http://127.0.0.1:9000',
    });
  });

  it('lists every bad value at once, each naming its variable', () => {
    expect(
      problems({
        PORT: 'x',
        CVM_ENDPOINT: 'ftp://h',
        TIMESTAMP_WINDOW_SECONDS: '0',
        UPSTREAM_TIMEOUT_MS: '-1',
        LOG_LEVEL: 'loud',
      }),
    ).toEqual([
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
    [
      '[{"secretId":"a","secretKey":"s3cr3t"},{"secretId":"a","secretKey":"other"}]',
      /PROXY_CREDENTIALS\[1\]\.secretId a is listed twice/,
    ],
    [
      '[{"secretId":"a","secretKey":"s3cr3t","upstream":{"secretId":"u"}}]',
      /PROXY_CREDENTIALS\[0\]\.upstream\.secretKey must be/,
    ],
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
    expect(problems({ PROXY_CREDENTIALS: CREDENTIALS, CVM_ENDPOINT: 'http://user:hunter2@h' })).toEqual([
      'CVM_ENDPOINT must not carry credentials: "http://…@h"',
    ]);
  });
});

describe('loadConfig: migration settings', () => {
  const base = { PROXY_CREDENTIALS: JSON.stringify([{ secretId: 'AKIDx', secretKey: 'k' }]) };
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig({ ...base, ...env });
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('replay store: memory unless REDIS_URL, open on failure by default', () => {
    expect(loadConfig(base)).toMatchObject({
      redisUrl: undefined,
      replayStoreOnFailure: 'open',
      redisCommandTimeoutMs: 500,
    });
    expect(
      loadConfig({ ...base, REDIS_URL: 'rediss://:pw@cache:6380/2', REPLAY_STORE_ON_FAILURE: 'closed' }),
    ).toMatchObject({
      redisUrl: 'rediss://:pw@cache:6380/2',
      replayStoreOnFailure: 'closed',
    });
  });

  it('defaults: DescribeImages translated, the rest passed through (when there is an endpoint), no shadow, no TLS', () => {
    const config = loadConfig(base);
    expect(config.legacyEndpoint).toBeUndefined();
    expect(config.actionRoutes.byAction.get('DescribeImages')).toBe('translate');
    expect(config.actionRoutes.otherwise).toBe('passthrough');
    expect(config.shadowSample).toBe(0);
    expect(config.tls).toBeUndefined();
  });

  it('reads a route table, an endpoint, a sample and TLS files', () => {
    const config = loadConfig({
      ...base,
      LEGACY_ENDPOINT: 'https://cvm.api.qcloud.com',
      ACTION_ROUTES: ' DescribeImages=passthrough , DescribeInstances=passthrough,*=passthrough',
      SHADOW_SAMPLE: '0.25',
      TLS_CERT_FILE: '/etc/proxy/cert.pem',
      TLS_KEY_FILE: '/etc/proxy/key.pem',
    });
    expect(config.legacyEndpoint?.origin).toBe('https://cvm.api.qcloud.com');
    expect(config.actionRoutes.byAction.get('DescribeImages')).toBe('passthrough');
    expect(config.shadowSample).toBe(0.25);
    expect(config.tls).toEqual({ certFile: '/etc/proxy/cert.pem', keyFile: '/etc/proxy/key.pem', port: 8443 });
  });

  it.each([
    [{ ACTION_ROUTES: 'DescribeInstances=translate' }, /ACTION_ROUTES: DescribeInstances cannot be translated/],
    [{ ACTION_ROUTES: '*=translate' }, /ACTION_ROUTES: \* cannot be translated/],
    [{ ACTION_ROUTES: 'DescribeImages' }, /ACTION_ROUTES: "DescribeImages" is not Action=translate/],
    [{ ACTION_ROUTES: 'DescribeImages=passthrough' }, /sends DescribeImages through, which needs LEGACY_ENDPOINT/],
    [{ SHADOW_SAMPLE: '0.5' }, /SHADOW_SAMPLE .* needs LEGACY_ENDPOINT/],
    [{ SHADOW_SAMPLE: '2', LEGACY_ENDPOINT: 'https://x' }, /SHADOW_SAMPLE must be a number from 0 to 1/],
    [{ LEGACY_ENDPOINT: 'ftp://x' }, /LEGACY_ENDPOINT must be http\(s\)/],
    [{ LEGACY_ENDPOINT: 'https://x/v2/index.php' }, /LEGACY_ENDPOINT is an origin only/],
    [{ LEGACY_ENDPOINT: 'https://user:hunter2@x' }, /LEGACY_ENDPOINT must not hold credentials/],
    [{ TLS_CERT_FILE: '/c.pem' }, /TLS_CERT_FILE and TLS_KEY_FILE go together/],
    [{ TLS_PORT: '70000' }, /TLS_PORT must be an integer/],
    [
      { REDIS_URL: 'http://:hunter2@cache:6379' },
      /REDIS_URL must be redis:\/\/ or rediss:\/\/, got "http:\/\/…@cache:6379"/,
    ],
    [{ REDIS_URL: 'not a url' }, /REDIS_URL is not a URL/],
    [{ REDIS_URL: 'redis://:hun/ter2@cache :6379' }, /REDIS_URL is not a URL: "redis:\/\/…@cache :6379"/],
    [{ REPLAY_STORE_ON_FAILURE: 'maybe' }, /REPLAY_STORE_ON_FAILURE must be one of open, closed/],
  ])('refuses %j', (env, problem) => {
    const problems = problemsOf(env);
    expect(problems.join('\n')).toMatch(problem);
    expect(problems.join('\n')).not.toMatch(/hunter2|hun\/ter2/);
  });
});

describe('deploy/env.example', () => {
  it('is a complete, valid configuration that names every variable loadConfig reads', async () => {
    const { readFile } = await import('node:fs/promises');
    const { parseEnv } = await import('node:util');
    const env = parseEnv(await readFile(new URL('../../deploy/env.example', import.meta.url), 'utf8'));
    expect(loadConfig(env)).toMatchObject({ port: 8787, cvmEndpoint: { url: 'http://127.0.0.1:9000' } });
    expect(Object.keys(env).sort()).toEqual(Object.keys(SETTINGS).sort());
  });
});

describe('loadConfig: what an operator types', () => {
  const base = { PROXY_CREDENTIALS: JSON.stringify([{ secretId: 'AKIDx', secretKey: 'k' }]) };
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig({ ...base, ...env });
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('reads LOG_LEVEL and the other words in any case', () => {
    expect(
      loadConfig({ ...base, LOG_LEVEL: 'INFO', UPSTREAM_CLIENT: 'Undici', REPLAY_STORE_ON_FAILURE: 'Closed' }),
    ).toMatchObject({
      logLevel: 'info',
      upstreamClient: 'undici',
      replayStoreOnFailure: 'closed',
    });
  });

  it.each([
    [
      'CVM_ENDPOINT',
      '127.0.0.1:9000',
      'CVM_ENDPOINT needs a scheme: add http:// or https://, e.g. "http://127.0.0.1:9000"',
    ],
    [
      'CVM_ENDPOINT',
      'localhost:9000',
      'CVM_ENDPOINT needs a scheme: add http:// or https://, e.g. "http://localhost:9000"',
    ],
    [
      'CVM_ENDPOINT',
      'cvm.tencentcloudapi.com',
      'CVM_ENDPOINT needs a scheme: add http:// or https://, e.g. "http://cvm.tencentcloudapi.com"',
    ],
    [
      'LEGACY_ENDPOINT',
      'cvm.api.qcloud.com',
      'LEGACY_ENDPOINT needs a scheme: add https:// or http://, e.g. "https://cvm.api.qcloud.com"',
    ],
    ['REDIS_URL', 'cache:6379', 'REDIS_URL needs a scheme: add redis:// or rediss://, e.g. "redis://cache:6379"'],
  ])('%s=%s: says which scheme to add', (name, value, problem) => {
    expect(problemsOf({ [name]: value })).toEqual([problem]);
  });

  it('says where PROXY_CREDENTIALS stops being JSON, never quoting it', () => {
    const [problem] = problemsOf({ PROXY_CREDENTIALS: '[{"secretId":"AKIDx","secretKey":"hunter2",}]' });
    expect(problem).toMatch(
      /^PROXY_CREDENTIALS is not valid JSON at line 1, column 44: expected a property name in double quotes/,
    );
    expect(problem).not.toContain('hunter2');
  });
});
