/**
 * `npm run dev:worker` as a person runs it: wrangler dev on localhost with the built-in emulator
 * behind it, serving the real legacy Node SDK; and nothing left running after it stops.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B } from '../../dev/emulator/accounts.js';
import { DEMO_CATALOGUE, visibleImages } from '../../dev/emulator/catalogue.js';
import { legacySdk } from '../helpers/legacy-sdk.js';
import { finished, spawnEntry, waitForLine } from '../../dev/support/run-script.js';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether any process of the group is still alive (signal 0 only asks). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm run dev:worker', () => {
  it('serves a legacy client on localhost through workerd, and stops cleanly', async () => {
    // The port is free when picked; should another process take it before wrangler does, pick again.
    let port = 0;
    let child: ChildProcess | undefined;
    let ready = '';
    for (let attempt = 0; attempt < 2 && !ready; attempt++) {
      child?.kill();
      port = await freePort();
      child = spawnEntry('scripts/dev-worker.ts', [], { PORT: String(port), HOME: process.env.HOME ?? '/tmp' });
      ready = await waitForLine(child, /legacy proxy \(Worker\) on/).catch(() => '');
    }
    const done = finished(child!);
    let pgid = 0;
    try {
      expect(ready).not.toBe('');
      pgid = Number(/process group (\d+)/.exec(ready)?.[1]);
      expect(groupAlive(pgid)).toBe(true);
      const host = `127.0.0.1:${port}`;
      const a = legacySdk({ SecretId: DEMO_ACCOUNT_A.secretId, SecretKey: DEMO_ACCOUNT_A.secretKey, host });
      expect(await a.request({ imageType: 2, limit: 100 })).toMatchObject({ code: 0, totalCount: 38 });
      const b = legacySdk({
        SecretId: DEMO_ACCOUNT_B.secretId,
        SecretKey: DEMO_ACCOUNT_B.secretKey,
        host,
        method: 'GET',
        signatureMethod: 'sha256',
      });
      const bPrivate = visibleImages(DEMO_CATALOGUE, DEMO_ACCOUNT_B.uin).filter(
        (i) => i.ImageType === 'PRIVATE_IMAGE' && !i.ImageState.endsWith('FAILED'),
      );
      expect(await b.request({ imageType: 1, offset: 0, limit: 5 })).toMatchObject({
        code: 0,
        totalCount: bPrivate.length,
      });
      expect(await a.request({ imageType: 3, Region: 'use' })).toMatchObject({ code: 6100 });
    } finally {
      child!.kill('SIGTERM');
      await done;
    }
    // wrangler and the workerd it started are gone: nothing is left running.
    for (let i = 0; i < 100 && groupAlive(pgid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(groupAlive(pgid)).toBe(false);
  }, 60_000);
});
