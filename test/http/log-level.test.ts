/**
 * The request line's level by outcome: callers' errors at info, upstream and legacy-host failures
 * (5xxx, 6xxx, a codeless legacy answer) at warn, the proxy's own faults at error, so that alerts
 * on warn and error fire on outages and never on a caller's typo. Table first, then through the app.
 */
import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../src/core/errors.js';
import type { LegacyGateway } from '../../src/gateway/index.js';
import type { Outcome } from '../../src/gateway/outcome.js';
import { createApp } from '../../src/http/app.js';
import { inProcess } from '../../src/http/background.js';
import { requestLogLevel } from '../../src/http/log-level.js';
import { captureLog } from '../helpers/log-capture.js';

const failed = (code: 4100 | 4400 | 4500 | 5000 | 5100 | 6000 | 6100 | 6200): Outcome => ({
  kind: 'failed',
  error: new LegacyError(code, 'x'),
});
const PINO = { info: 30, warn: 40, error: 50 } as const;

describe('requestLogLevel', () => {
  it.each([
    ['an answer', { kind: 'legacy', envelope: { code: 0, message: '', codeDesc: 'Success' } } as Outcome, 0, 'info'],
    ['a bad signature (4100)', failed(4100), 4100, 'info'],
    ['a local rate limit (4400)', failed(4400), 4400, 'info'],
    ['a replay (4500)', failed(4500), 4500, 'info'],
    ['a 3.0 ResourceNotFound (5000)', failed(5000), 5000, 'warn'],
    ['a 3.0 FailedOperation (5100)', failed(5100), 5100, 'warn'],
    ['a 3.0 InternalError (6000)', failed(6000), 6000, 'warn'],
    ['no pass-through for an Action (6100)', failed(6100), 6100, 'warn'],
    ['an outage (6200)', failed(6200), 6200, 'warn'],
    [
      'a legacy answer with code 4100, passed through',
      {
        kind: 'forwarded',
        answer: { status: 200, contentType: 'application/json', body: new Uint8Array() },
      } as Outcome,
      4100,
      'info',
    ],
    [
      'a legacy answer with no code (HTTP 502)',
      { kind: 'forwarded', answer: { status: 502, contentType: 'text/html', body: new Uint8Array() } } as Outcome,
      -1,
      'warn',
    ],
    [
      'an unexpected error in the proxy',
      { kind: 'failed', error: new LegacyError(6000, 'internal error'), fault: true } as Outcome,
      6000,
      'error',
    ],
    ['no outcome at all', undefined, 6000, 'error'],
  ] as const)('%s: %s', (_name, outcome, code, level) => {
    expect(requestLogLevel(outcome, code)).toBe(level);
  });
});

describe('the request line through the app', () => {
  const appWith = (gateway: LegacyGateway) => {
    const log = captureLog();
    const app = createApp({
      gateway,
      logger: log.logger,
      maxBodyBytes: 1024,
      now: () => 0,
      background: inProcess(log.logger),
    });
    return { app, line: () => log.records().find((r) => r.msg === 'legacy request') };
  };

  it.each([
    [4100, PINO.info],
    [6200, PINO.warn],
  ] as const)('a LegacyError %d is written at level %d', async (code, level) => {
    const { app, line } = appWith(async () => {
      throw new LegacyError(code, 'refused');
    });
    await app.request('http://proxy.test/v2/index.php');
    expect(line()).toMatchObject({ code, level });
  });

  it('an unexpected error is written at error, with the unexpected-error line', async () => {
    const { app, line } = appWith(async () => {
      throw new TypeError('boom');
    });
    const response = await app.request('http://proxy.test/v2/index.php');
    expect((await response.json()).code).toBe(6000);
    expect(line()).toMatchObject({ code: 6000, level: PINO.error });
  });
});
