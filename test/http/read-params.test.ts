/**
 * A legacy request's parameters (docs/contract.md#a1, #b1): GET reads the query string, POST the
 * body only (urlencoded or multipart/form-data); anything else is a 4000.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../src/core/errors.js';
import { readLegacyParams } from '../../src/http/read-params.js';

const app = new Hono();
app.all('/v2/index.php', async (c) => {
  try {
    return c.json({ pairs: await readLegacyParams(c, 400) });
  } catch (error) {
    if (!(error instanceof LegacyError)) throw error;
    return c.json({ code: error.code, message: error.message });
  }
});
const read = async (path: string, init?: RequestInit) => (await app.request(`http://h${path}`, init)).json();
const form = (body: string, contentType = 'application/x-www-form-urlencoded') => ({
  method: 'POST',
  headers: { 'content-type': contentType },
  body,
});

describe('readLegacyParams', () => {
  it("GET: the query string's pairs, in order, decoded, repeats kept", async () => {
    expect(
      await read('/v2/index.php?Action=DescribeImages&imageIds.0=img-aaaaaaaa&name=%E4%B8%AD+x&limit=1&limit=2&empty='),
    ).toEqual({
      pairs: [
        ['Action', 'DescribeImages'],
        ['imageIds.0', 'img-aaaaaaaa'],
        ['name', '中 x'],
        ['limit', '1'],
        ['limit', '2'],
        ['empty', ''],
      ],
    });
  });

  it('POST: the form body only, the query string ignored; a charset or another case is still the form type', async () => {
    expect(await read('/v2/index.php?imageType=1', form('imageType=2&Signature=a%2Bb%3D'))).toEqual({
      pairs: [
        ['imageType', '2'],
        ['Signature', 'a+b='],
      ],
    });
    expect(await read('/v2/index.php', form('a=1', 'Application/X-WWW-Form-Urlencoded; charset=UTF-8'))).toEqual({
      pairs: [['a', '1']],
    });
    expect(await read('/v2/index.php', form(''))).toEqual({ pairs: [] });
  });

  it.each([
    ['PUT', { method: 'PUT' }, 'method PUT is not supported; use GET or POST'],
    ['DELETE', { method: 'DELETE' }, 'method DELETE is not supported; use GET or POST'],
    [
      'a JSON POST',
      form('{}', 'application/json'),
      'a POST body must be application/x-www-form-urlencoded or multipart/form-data, got application/json',
    ],
    [
      'a POST with no content type',
      { method: 'POST', body: new Uint8Array([97]) },
      'a POST body must be application/x-www-form-urlencoded or multipart/form-data, got no content type',
    ],
    ['a form body over the limit', form('a='.padEnd(401, 'x')), 'request body is larger than 400 bytes'],
  ])('4000 for %s', async (_name, init, message) => {
    expect(await read('/v2/index.php', init as RequestInit)).toEqual({ code: 4000, message });
  });

  // B.1: a POST body may also be multipart/form-data (text fields; a file part is a 4000), as the
  // legacy Java SDK sends every POST (its exact bytes: test/http/form-body.test.ts).
  it('POST multipart/form-data: its text fields (B.1)', async () => {
    const body = new FormData();
    body.set('Action', 'DescribeImages');
    body.set('imageType', '2');
    expect(await read('/v2/index.php', { method: 'POST', body })).toEqual({
      pairs: [
        ['Action', 'DescribeImages'],
        ['imageType', '2'],
      ],
    });
  });
});
