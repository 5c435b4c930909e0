/**
 * check-config: exit 0 when serve would start, 1 when not (every problem on stderr); the settings
 * as they will run on stdout, each with where it came from, keys masked; warnings; the TLS pair
 * read and checked as serve would. In-process, with files in a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfig } from '../../../src/node/cli/check-config.js';
import { readEnvironment } from '../../../src/node/cli/env-file.js';
import { captured } from './output.js';

const dir = mkdtempSync(join(tmpdir(), 'check-config-'));
const credentialsFile = join(dir, 'credentials.json');
writeFileSync(
  credentialsFile,
  JSON.stringify([
    { secretId: 'AKIDfile', secretKey: 'keyInTheFile', upstream: { secretId: 'AKIDup', secretKey: 'upstreamKey' } },
  ]),
);
const envFile = join(dir, 'proxy.env');
writeFileSync(
  envFile,
  `PROXY_HOSTS=proxy.internal:8787\nREDIS_URL=redis://:redisPassword@cache:6379\nPROXY_CREDENTIALS_FILE=${credentialsFile}\n`,
);

function check(env: Record<string, string>, file?: string) {
  const io = captured();
  const status = checkConfig(readEnvironment(env, file), io, 'qcloud-legacy-proxy 0.1.0');
  return { status, out: io.out(), err: io.err() };
}

const row = (out: string, name: string) => out.split('\n').find((line) => line.startsWith(`  ${name} `));

describe('check-config', () => {
  it('a valid configuration: exit 0, every setting with its origin, no key shown', () => {
    const { status, out, err } = check({ PORT: '9000' }, envFile);
    expect(status).toBe(0);
    expect(err).toBe('');
    expect(out.split('\n')[0]).toBe('qcloud-legacy-proxy 0.1.0: the configuration is valid');
    expect(row(out, 'PORT')).toMatch(/ 9000 {2}\(environment\)$/);
    expect(row(out, 'HOST')).toMatch(/ 0\.0\.0\.0 {2}\(default\)$/);
    expect(row(out, 'PROXY_HOSTS')).toMatch(/ proxy\.internal:8787 {2}\(env file\)$/);
    expect(row(out, 'PROXY_CREDENTIALS')).toContain(
      `"secretId":"AKIDfile","secretKey":"****","upstream":{"secretId":"AKIDup","secretKey":"****"}`,
    );
    expect(row(out, 'PROXY_CREDENTIALS')).toContain(`(file ${credentialsFile})`);
    expect(row(out, 'REDIS_URL')).toContain('redis://:****@cache:6379');
    expect(out).not.toMatch(/keyInTheFile|upstreamKey|redisPassword/);
    expect(out).not.toContain('Warnings');
  });

  it('warns when PROXY_HOSTS is empty, and still exits 0', () => {
    const { status, out } = check({ PROXY_CREDENTIALS: '[{"secretId":"AKIDa","secretKey":"k"}]' });
    expect(status).toBe(0);
    expect(out).toMatch(/Warnings:\n {2}- PROXY_HOSTS is empty/);
  });

  it('an invalid configuration: exit 1, every problem on stderr, the settings still shown, no key', () => {
    const { status, out, err } = check({
      PORT: 'eighty',
      CVM_ENDPOINT: '127.0.0.1:9000',
      PROXY_CREDENTIALS: '[{"secretId":"AKIDa","secretKey":"hunter2"',
    });
    expect(status).toBe(1);
    expect(out.split('\n')[0]).toBe('qcloud-legacy-proxy 0.1.0: the configuration is NOT valid');
    expect(err).toMatch(/^invalid configuration:\n/);
    expect(err).toContain('PORT must be an integer from 0 to 65535, got "eighty"');
    expect(err).toContain('CVM_ENDPOINT needs a scheme: add http:// or https://');
    expect(err).toContain(
      "PROXY_CREDENTIALS is not valid JSON at line 1, column 43: expected ',' or '}', found the end",
    );
    expect(row(out, 'PROXY_CREDENTIALS')).toContain('**** (not JSON)');
    expect(out + err).not.toContain('hunter2');
  });

  it('reads the TLS pair as serve would: a missing file, then a pair that is not one', () => {
    const base = { PROXY_CREDENTIALS: '[{"secretId":"AKIDa","secretKey":"k"}]', PROXY_HOSTS: 'p' };
    const missing = check({ ...base, TLS_CERT_FILE: join(dir, 'no-cert.pem'), TLS_KEY_FILE: join(dir, 'no-key.pem') });
    expect(missing.status).toBe(1);
    expect(missing.err).toContain(`TLS_CERT_FILE: cannot read ${join(dir, 'no-cert.pem')} (ENOENT)`);
    expect(missing.err).toContain(`TLS_KEY_FILE: cannot read ${join(dir, 'no-key.pem')} (ENOENT)`);
    writeFileSync(join(dir, 'cert.pem'), 'not a certificate');
    writeFileSync(join(dir, 'key.pem'), 'not a key');
    const broken = check({ ...base, TLS_CERT_FILE: join(dir, 'cert.pem'), TLS_KEY_FILE: join(dir, 'key.pem') });
    expect(broken.status).toBe(1);
    expect(broken.err).toContain('TLS_CERT_FILE and TLS_KEY_FILE do not load as a certificate and its key');
    expect(broken.err).not.toContain('not a key');
  });

  it('accepts a TLS pair that loads', () => {
    const openssl = '/usr/bin/openssl';
    const [cert, key] = [join(dir, 'good-cert.pem'), join(dir, 'good-key.pem')];
    try {
      execFileSync(
        openssl,
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=proxy.test',
          '-keyout',
          key,
          '-out',
          cert,
        ],
        { stdio: 'ignore' },
      );
    } catch {
      return; // no openssl here: the drop-in tests cover a real pair
    }
    const { status, err } = check({
      PROXY_CREDENTIALS: '[{"secretId":"AKIDa","secretKey":"k"}]',
      PROXY_HOSTS: 'p',
      TLS_CERT_FILE: cert,
      TLS_KEY_FILE: key,
    });
    expect(err).toBe('');
    expect(status).toBe(0);
  });
});
