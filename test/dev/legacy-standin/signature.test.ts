/**
 * The stand-in checks v1 signatures as the legacy host did: over METHOD + Host header as received
 * + path + sorted parameters, so a request verifies only for the host it was signed for.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_A, DEMO_ACCOUNT_B, type EmulatorAccount } from '../../../dev/emulator/accounts.js';
import { REDACTED } from '../../../dev/legacy-standin/controls.js';
import { NOW_SECONDS, STANDIN_HOST, call, sendTo, signFor, standin } from './helpers.js';

describe('a request signed for the stand-in host', () => {
  it.each([
    ['GET', 'HmacSHA1'],
    ['GET', 'HmacSHA256'],
    ['POST', 'HmacSHA1'],
    ['POST', 'HmacSHA256'],
  ] as const)('%s %s verifies and is answered', async (method, signatureMethod) => {
    const { app, controls } = standin();
    const answer = await call(app, { method, signatureMethod, params: { imageType: 2, limit: 1 } });
    expect(answer).toMatchObject({ code: 0, message: '', codeDesc: 'Success' });
    expect(controls.received).toEqual([
      {
        method,
        host: STANDIN_HOST,
        path: '/v2/index.php',
        signatureVerified: true,
        params: expect.objectContaining({
          Action: 'DescribeImages',
          SecretId: DEMO_ACCOUNT_A.secretId,
          Signature: REDACTED,
          imageType: '2',
        }),
      },
    ]);
  });

  it('verifies for either demo account, and for the PHP SDK spelling imageIds_0 of a signed imageIds.0', async () => {
    const { app } = standin();
    expect(await call(app, { account: DEMO_ACCOUNT_B, params: { imageType: 1 } })).toMatchObject({ code: 0 });
    const php = await call(
      app,
      { method: 'POST', params: { imageType: 2, 'imageIds.0': 'img-31tjrtph' } },
      (params) => {
        params['imageIds_0'] = params['imageIds.0']!;
        delete params['imageIds.0'];
      },
    );
    expect(php).toMatchObject({ code: 0 });
  });
});

describe('refusals, in the legacy codes and order', () => {
  it('4100 when the Host header is not the host that was signed, and records the host it got', async () => {
    const { app, controls } = standin();
    const answer = await call(app, {
      params: { imageType: 2 },
      host: 'image.api.qcloud.com',
      signedHost: STANDIN_HOST,
    });
    expect(answer).toMatchObject({ code: 4100, codeDesc: 'AuthFailure' });
    expect(answer.message).toContain('host image.api.qcloud.com');
    expect(controls.received[0]).toMatchObject({ host: 'image.api.qcloud.com', signatureVerified: false });
  });

  it.each<[string, (params: Record<string, string>) => void]>([
    ['a changed value', (p) => void (p['limit'] = '6')],
    ['a parameter added', (p) => void (p['status'] = '2')],
    ['a parameter dropped', (p) => void delete p['limit']],
    [
      'a name in another case',
      (p) => {
        p['Limit'] = p['limit']!;
        delete p['limit'];
      },
    ],
    ['another signature', (p) => void (p['Signature'] = 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=')],
  ])('4100 for %s after signing', async (_name, tamper) => {
    const { app, controls } = standin();
    expect(await call(app, { params: { imageType: 2, limit: 5 } }, tamper)).toMatchObject({ code: 4100 });
    expect(controls.received[0]?.signatureVerified).toBe(false);
  });

  it('4100 for a GET-signed request sent as POST', async () => {
    const { app } = standin();
    const params = await signFor({ method: 'GET', params: { imageType: 2 } });
    expect(await (await sendTo(app, 'POST', params)).json()).toMatchObject({ code: 4100 });
  });

  it('4104 for an unknown SecretId, before the signature is looked at', async () => {
    const { app } = standin();
    expect(
      await call(app, { account: { secretId: 'AKIDunknown', secretKey: 'k' }, params: { imageType: 2 } }),
    ).toMatchObject({ code: 4104 });
  });

  it.each([-301, 301])('4200 for a Timestamp %i s from the clock, though the signature verified', async (skew) => {
    const { app, controls } = standin();
    expect(await call(app, { timestamp: NOW_SECONDS + skew, params: { imageType: 2 } })).toMatchObject({
      code: 4200,
      codeDesc: 'RequestExpired',
    });
    expect(controls.received[0]?.signatureVerified).toBe(true);
    expect(await call(app, { timestamp: NOW_SECONDS + Math.sign(skew) * 300, params: { imageType: 2 } })).toMatchObject(
      { code: 0 },
    );
  });

  it('honours a configured Timestamp window', async () => {
    const { app } = standin({ timestampWindowSeconds: 7200 });
    expect(await call(app, { timestamp: NOW_SECONDS - 3600, params: { imageType: 2 } })).toMatchObject({ code: 0 });
  });

  it('4000 when a common parameter is missing', async () => {
    const { app } = standin();
    expect(await call(app, { params: { imageType: 2 } }, (p) => void delete p['Signature'])).toMatchObject({
      code: 4000,
      message: 'Signature: is required',
    });
  });
});

describe('accounts from options', () => {
  const TOKEN: EmulatorAccount = {
    secretId: 'AKIDSTANDINTOKENTOKENTOKENTOKENTOKEN',
    secretKey: 'standinSecretKeyTTTTTTTTTTTTTTTTT',
    uin: '100000000007',
    token: 'tok-1',
  };
  const DENIED: EmulatorAccount = {
    secretId: 'AKIDSTANDINDENIEDDENIEDDENIEDDENIED0',
    secretKey: 'standinSecretKeyDDDDDDDDDDDDDDDDD',
    uin: '100000000008',
    denied: true,
  };

  it('only they may call; a token account needs its Token, a denied one gets 4101', async () => {
    const { app, controls } = standin({ accounts: [TOKEN, DENIED] });
    expect(await call(app, { params: { imageType: 2 } })).toMatchObject({ code: 4104 });
    expect(await call(app, { account: TOKEN, params: { imageType: 2 } })).toMatchObject({ code: 4105 });
    const own = await call(app, { account: TOKEN, params: { imageType: 1, Token: 'tok-1' } });
    expect(own).toMatchObject({ code: 0 });
    // The catalogue is the emulator's for these accounts: the token account's private images are its own.
    expect(own.imageSet.length).toBeGreaterThan(0);
    expect(own.imageSet.every((image: { creator: string }) => image.creator === TOKEN.uin)).toBe(true);
    expect(await call(app, { account: DENIED, params: { imageType: 2 } })).toMatchObject({ code: 4101 });
    expect(controls.received[2]?.params['Token']).toBe(REDACTED);
  });
});

describe('nothing secret goes back or into the record', () => {
  it('no SecretKey or Signature in any answer or record', async () => {
    const { app, controls } = standin();
    const texts: string[] = [];
    for (const tamper of [undefined, (p: Record<string, string>) => void (p['limit'] = '9')]) {
      const params = await signFor({ params: { imageType: 2, limit: 1 } });
      tamper?.(params);
      texts.push(await (await sendTo(app, 'GET', params)).text());
      texts.push(JSON.stringify(controls.received.at(-1)), params['Signature']!);
      const signature = texts.pop()!;
      expect(texts.join('\n')).not.toContain(signature);
    }
    expect(texts.join('\n')).not.toContain(DEMO_ACCOUNT_A.secretKey);
  });
});
