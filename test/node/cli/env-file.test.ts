/**
 * --env-file: KEY=value lines under the environment (which wins), read only when named; a file that
 * cannot be read stops the command, naming the path.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvFileError, readEnvironment } from '../../../src/node/cli/env-file.js';

const dir = mkdtempSync(join(tmpdir(), 'env-file-'));
const file = join(dir, 'proxy.env');
writeFileSync(
  file,
  [
    '# the proxy',
    'PORT=9000',
    'HOST=127.0.0.1',
    'PROXY_CREDENTIALS=[{"secretId":"AKIDa","secretKey":"k"}]',
    'LOG_LEVEL="debug"',
    '',
  ].join('\n'),
);

describe('readEnvironment', () => {
  it('without --env-file is the environment alone', () => {
    expect(readEnvironment({ PORT: '1' }, undefined)).toEqual({ env: { PORT: '1' }, fromFile: new Set() });
  });

  it("reads the file's lines, the environment winning, and says which came from the file", () => {
    const { env, fromFile } = readEnvironment({ PORT: '8080' }, file);
    expect(env).toMatchObject({
      PORT: '8080',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      PROXY_CREDENTIALS: '[{"secretId":"AKIDa","secretKey":"k"}]',
    });
    expect([...fromFile].sort()).toEqual(['HOST', 'LOG_LEVEL', 'PROXY_CREDENTIALS']);
  });

  it('names a file it cannot read', () => {
    expect(() => readEnvironment({}, join(dir, 'missing.env'))).toThrow(
      new EnvFileError(`cannot read --env-file ${join(dir, 'missing.env')} (ENOENT)`),
    );
  });
});
