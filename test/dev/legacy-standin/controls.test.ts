/** What a test steers and reads on the stand-in: modes, and the requests it got, secrets redacted, bounded. */
import { describe, expect, it } from 'vitest';
import { createLegacyStandinControls, RECEIVED_LIMIT, REDACTED } from '../../../dev/legacy-standin/controls.js';

const request = (params: Array<[string, string]>) => ({
  method: 'GET',
  host: 'h:1',
  path: '/v2/index.php',
  signatureVerified: true,
  params,
});

describe('createLegacyStandinControls', () => {
  it('starts in the modes it is given, none by default, and switches', () => {
    expect(createLegacyStandinControls()).toMatchObject({ disagreeMode: 'none', failMode: 'none' });
    const controls = createLegacyStandinControls({ disagree: 'drop-image', fail: 'garbage' });
    expect(controls).toMatchObject({ disagreeMode: 'drop-image', failMode: 'garbage' });
    controls.disagree('total-count');
    controls.fail('none');
    expect(controls).toMatchObject({ disagreeMode: 'total-count', failMode: 'none' });
  });

  it('refuses an unknown mode, at start too, and keeps the one it had', () => {
    const controls = createLegacyStandinControls();
    expect(() => controls.fail('slow' as never)).toThrow(/fail mode must be one of/);
    expect(controls.failMode).toBe('none');
    expect(() => createLegacyStandinControls({ disagree: 'x' as never })).toThrow(/disagree mode must be one of/);
  });

  it('records requests with Signature and Token redacted and everything else as sent, a name like __proto__ included', () => {
    const controls = createLegacyStandinControls();
    controls.record(
      request([
        ['Signature', 'c2ln'],
        ['Token', 'tok'],
        ['SecretId', 'AKID'],
        ['imageIds_0', 'img-aaaaaaaa'],
        ['__proto__', 'x'],
      ]),
    );
    const [received] = controls.received;
    expect(received?.params).toEqual({
      Signature: REDACTED,
      Token: REDACTED,
      SecretId: 'AKID',
      imageIds_0: 'img-aaaaaaaa',
      ['__proto__']: 'x',
    });
    expect(Object.hasOwn(received!.params, '__proto__')).toBe(true);
    expect(received).toMatchObject({ method: 'GET', host: 'h:1', path: '/v2/index.php', signatureVerified: true });
  });

  it('keeps the newest RECEIVED_LIMIT records, and clears them', () => {
    const controls = createLegacyStandinControls();
    for (let i = 0; i < RECEIVED_LIMIT + 5; i++) controls.record(request([['n', String(i)]]));
    expect(controls.received).toHaveLength(RECEIVED_LIMIT);
    expect(controls.received[0]?.params['n']).toBe('5');
    controls.clearReceived();
    expect(controls.received).toHaveLength(0);
  });
});
