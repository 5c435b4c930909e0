/**
 * No credential is written into deploy/. The only key pairs allowed are the emulator's demo
 * accounts (dev/emulator/accounts.ts, README "The built-in CVM 3.0 emulator"): public test keys
 * that nothing but the emulator accepts, and only in the laptop files (compose.yaml, env.example),
 * never in the Dockerfile or the Kubernetes manifests.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../dev/emulator/accounts.js';
import { deployFiles, readText, readYaml } from './deploy-files.js';

const LAPTOP_FILES = ['deploy/compose.yaml', 'deploy/env.example'];
const DEMO_IDS = new Set(DEMO_ACCOUNTS.map((a) => a.secretId));
const DEMO_KEYS = DEMO_ACCOUNTS.map((a) => a.secretKey);
/** A Tencent Cloud SecretId: AKID and 32 more letters and digits (shorter runs are caught too). */
const SECRET_ID = /AKID[A-Za-z0-9]{8,}/g;
/** A secretKey given a value in JSON or YAML; `<…>` placeholders are allowed. */
const SECRET_KEY_VALUE = /"?secret_?key"?\s*[:=]\s*"?(?!<)([A-Za-z0-9/+=]{8,})/gi;

describe('deploy/ holds no credentials', () => {
  const files = [...deployFiles(), '.dockerignore'];

  it.each(files)('%s', (file) => {
    const text = readText(file);
    const laptop = LAPTOP_FILES.includes(file);
    for (const [id] of text.matchAll(SECRET_ID)) {
      expect(laptop && DEMO_IDS.has(id), `${file}: ${id.slice(0, 8)}… is not a demo SecretId`).toBe(true);
    }
    for (const [, key] of text.matchAll(SECRET_KEY_VALUE)) {
      expect(laptop && DEMO_KEYS.includes(key!), `${file}: a secretKey value that is not a demo key`).toBe(true);
    }
  });

  it('the example Secret has placeholders only', () => {
    const secret = readYaml('deploy/k8s/secret.example.yaml');
    const callers = JSON.parse(secret.stringData.PROXY_CREDENTIALS) as Record<string, string>[];
    for (const caller of callers) for (const value of Object.values(caller)) expect(value).toMatch(/^<.+>$/);
  });
});
