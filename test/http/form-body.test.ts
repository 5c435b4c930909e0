import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { javaSdkMultipart } from '../../dev/legacy-client/java-sdk-multipart.js';
import { MAX_PARAMETERS, parseMultipartForm, parseUrlencoded } from '../../src/http/form-body.js';

describe('parseUrlencoded', () => {
  it('reads pairs in order, decoding percent escapes and +', () => {
    expect(parseUrlencoded('a=1&b=%E4%B8%AD&c=x+y&d=')).toEqual([
      ['a', '1'],
      ['b', '中'],
      ['c', 'x y'],
      ['d', ''],
    ]);
  });

  // Text built from the pieces that matter: separators, +, escapes good and bad, multi-byte and
  // astral characters, lone surrogates. Fewer than MAX_PARAMETERS pairs, so that every text parses.
  const piece = fc.oneof(
    fc.constantFrom(
      '&',
      '=',
      '+',
      '%',
      '%2',
      '%41',
      '%2B',
      '%26',
      '%3D',
      '%E4%B8%AD',
      '%FF',
      '%C3',
      '%ZZ',
      '%EF%BB%BF',
    ),
    fc.constantFrom('a', 'Nonce', '中', '😀', '\uD800', '\uDC00', ' ', '#', '?', '_'),
    fc.string({ maxLength: 4 }),
    fc.string({ unit: 'binary', maxLength: 3 }),
  );
  const text = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

  it('gives exactly the pairs URLSearchParams gives, whatever the text', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(parseUrlencoded(t)).toEqual([...new URLSearchParams(t)]);
      }),
      { numRuns: 5_000 },
    );
  });

  it(`accepts ${MAX_PARAMETERS} parameters and refuses one more, before parsing them`, () => {
    const pairs = (n: number) => Array.from({ length: n }, (_, i) => `p${i}=v`).join('&');
    expect(parseUrlencoded(pairs(MAX_PARAMETERS))).toHaveLength(MAX_PARAMETERS);
    expect(() => parseUrlencoded(pairs(MAX_PARAMETERS + 1))).toThrow(
      expect.objectContaining({ code: 4000, message: `the request has more than ${MAX_PARAMETERS} parameters` }),
    );
    // The flood of the reliability probe: 32,000 empty pairs in 64 KB.
    expect(() => parseUrlencoded('a&'.repeat(32_000))).toThrow(expect.objectContaining({ code: 4000 }));
  });
});

describe('parseMultipartForm', () => {
  it("reads the legacy Java SDK's body byte for byte, CRLF before the first boundary included", () => {
    const { contentType, body } = javaSdkMultipart({
      Action: 'DescribeImages',
      Region: 'gz',
      imageIds_0: 'img-1',
      empty: '',
    });
    const text = new TextDecoder().decode(body);
    expect(contentType).toBe('multipart/form-data; boundary=---------------------------1a2b3c4d5e6f708');
    expect(
      text.startsWith(
        '\r\n-----------------------------1a2b3c4d5e6f708\r\nContent-Disposition: form-data; name="Action"\r\n\r\nDescribeImages\r\n--',
      ),
    ).toBe(true);
    expect(text.endsWith('\r\n-----------------------------1a2b3c4d5e6f708--\r\n')).toBe(true);
    expect(parseMultipartForm(contentType, body)).toEqual([
      ['Action', 'DescribeImages'],
      ['Region', 'gz'],
      ['imageIds_0', 'img-1'],
      ['empty', ''],
    ]);
  });

  it('reads values as UTF-8, as the JVM writes them', () => {
    const { contentType, body } = javaSdkMultipart({ imageName: '中文 ü' });
    expect(parseMultipartForm(contentType, body)).toEqual([['imageName', '中文 ü']]);
  });

  it('reads a body that opens with the boundary, as browsers and curl send it', () => {
    const boundary = 'XyZ';
    const body = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--${boundary}--\r\n`,
    );
    expect(parseMultipartForm(`multipart/form-data; boundary="${boundary}"`, body)).toEqual([['a', '1']]);
  });

  it('refuses a file part, saying that files are not accepted', () => {
    const { contentType, body } = javaSdkMultipart({ Action: 'DescribeImages' }, undefined, {
      name: 'entityFile',
      filename: 'a.bin',
      content: 'x',
    });
    expect(() => parseMultipartForm(contentType, body)).toThrow(
      expect.objectContaining({
        code: 4000,
        message: 'file parts are not accepted (part "entityFile"): send text fields only',
      }),
    );
  });

  it('refuses a missing boundary and a malformed body with a 4000', () => {
    const { body } = javaSdkMultipart({ a: '1' });
    expect(() => parseMultipartForm('multipart/form-data', body)).toThrow(
      expect.objectContaining({ code: 4000, message: expect.stringMatching(/boundary/) }),
    );
    expect(() => parseMultipartForm('multipart/form-data; boundary=other', body)).toThrow(
      expect.objectContaining({ code: 4000, message: expect.stringMatching(/malformed/) }),
    );
  });

  it(`accepts ${MAX_PARAMETERS} fields and refuses one more`, () => {
    const fields = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, 'v']));
    const ok = javaSdkMultipart(fields(MAX_PARAMETERS));
    expect(parseMultipartForm(ok.contentType, ok.body)).toHaveLength(MAX_PARAMETERS);
    const over = javaSdkMultipart(fields(MAX_PARAMETERS + 1));
    expect(() => parseMultipartForm(over.contentType, over.body)).toThrow(
      expect.objectContaining({ code: 4000, message: `the request has more than ${MAX_PARAMETERS} parameters` }),
    );
  });
});
