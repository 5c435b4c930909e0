/**
 * --help lists every setting of the schema with its default (the schema is the one source, as for
 * docs/configuration.md), says which secrets take NAME_FILE, and where the documentation is.
 */
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../../src/config/schema.js';
import type { Setting } from '../../../src/config/setting.js';
import { helpText } from '../../../src/node/cli/help.js';

const text = helpText('9.9.9', '/opt/proxy/docs');
const lines = text.split('\n');

describe('--help', () => {
  it('names the version and every command', () => {
    expect(lines[0]).toMatch(/^qcloud-legacy-proxy 9\.9\.9: /);
    for (const command of ['serve', 'check-config', 'translate', '--env-file', '--help', '--version'])
      expect(text).toContain(command);
  });

  it.each(Object.entries(SETTINGS) as [string, Setting][])('lists %s with its default', (name, setting) => {
    const line = lines.find((l) => l.startsWith(`  ${name} `));
    expect(line, name).toBeDefined();
    expect(line).toContain(setting.default ? `[${setting.default}]` : `[${setting.absent ?? 'none'}]`);
  });

  it('offers NAME_FILE for the secrets that take it', () => {
    const words = text.replace(/\s+/g, ' ');
    expect(words).toContain('(secret; or PROXY_CREDENTIALS_FILE)');
    expect(words).toContain('(secret; or REDIS_URL_FILE)');
  });

  it('says where the documentation is', () => {
    expect(text).toContain('/opt/proxy/docs/operations.md');
    expect(text).toContain('/opt/proxy/docs/configuration.md');
  });

  it('fits a 100-column terminal, as plain text (no Markdown links)', () => {
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(100);
    expect(text).not.toMatch(/\]\(|`/);
  });
});
