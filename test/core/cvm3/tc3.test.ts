import { describe, expect, it } from 'vitest';
import {
  authorizationHeader,
  canonicalHeaders,
  canonicalRequest,
  credentialScope,
  stringToSign,
  utcDate,
} from '../../../src/core/cvm3/tc3.js';
import { TC3_VECTOR as V } from '../../fixtures/tc3-vector.js';

describe('TC3 text stages against the published vector', () => {
  it('builds the canonical request, header names and values lower-cased and sorted', () => {
    const canonical = canonicalRequest({
      method: 'POST',
      path: '/',
      query: '',
      headers: { Host: V.host, 'Content-Type': V.contentType },
      payloadHash: V.hashedPayload,
    });
    expect(canonical).toBe(V.canonicalRequest);
  });

  it('builds the scope and the string to sign from the hashed canonical request', () => {
    expect(utcDate(V.timestamp)).toBe(V.date);
    expect(stringToSign(V.timestamp, credentialScope(V.date, V.service), V.hashedCanonicalRequest)).toBe(
      V.stringToSign,
    );
  });

  it('writes the Authorization header', () => {
    expect(authorizationHeader(V.secretId, credentialScope(V.date, V.service), 'content-type;host', V.signature)).toBe(
      V.authorization,
    );
  });
});

describe('canonicalHeaders', () => {
  it('trims and lower-cases values, and lists the names it signed', () => {
    expect(canonicalHeaders({ 'X-TC-Action': ' DescribeImages ', host: 'CVM.example.com' })).toEqual({
      canonical: 'host:cvm.example.com\nx-tc-action:describeimages\n',
      signed: 'host;x-tc-action',
    });
  });
});

describe('utcDate', () => {
  it("is the UTC date, whatever the machine's time zone", () => {
    expect(utcDate(1_719_791_999)).toBe('2024-06-30');
    expect(utcDate(1_719_792_000)).toBe('2024-07-01');
  });
});
