/**
 * The request record: what the gateway tells it, in the order it happens, is what the request log
 * line and the metrics read at the end, a failure's 3.0 RequestId included.
 */
import { describe, expect, it } from 'vitest';
import { LegacyError } from '../../src/core/errors.js';
import { RequestRecord } from '../../src/gateway/request-record.js';

describe('a request record', () => {
  it('starts as a request that was refused before anything was known of it', () => {
    expect(new RequestRecord('req-1').facts).toEqual({
      requestId: 'req-1',
      action: undefined,
      secretId: undefined,
      authenticated: false,
      region: undefined,
      route: 'rejected',
      upstreamCalls: 0,
      upstreamRetries: 0,
      upstreamRequestIds: [],
      scan: undefined,
      outcome: undefined,
    });
    expect(new RequestRecord('req-1').cvm3Shaped).toBe(false);
  });

  it('keeps what a translated request went through', async () => {
    const record = new RequestRecord('req-2');
    record.versionNamed(undefined);
    record.claimed('DescribeImages', 'AKIDa');
    record.authenticated();
    record.routed('translated');
    record.inRegion('ap-guangzhou');
    await record.upstreamCall(async () => ({ RequestId: 'up-1' }));
    record.retried();
    await record.upstreamCall(async () => ({ RequestId: 'up-2' }));
    record.scanned('miss');
    const outcome = { kind: 'legacy', envelope: { code: 0, message: '', codeDesc: 'Success' } } as const;
    record.ended(outcome);
    expect(record.facts).toEqual({
      requestId: 'req-2',
      action: 'DescribeImages',
      secretId: 'AKIDa',
      authenticated: true,
      region: 'ap-guangzhou',
      route: 'translated',
      upstreamCalls: 2,
      upstreamRetries: 1,
      upstreamRequestIds: ['up-1', 'up-2'],
      scan: 'miss',
      outcome,
    });
    expect(record.action).toBe('DescribeImages');
  });

  it('counts a 3.0 call as it starts, and keeps its RequestId only once it answers', async () => {
    const record = new RequestRecord('req-3');
    let answer!: (value: { RequestId: string }) => void;
    const call = record.upstreamCall(() => new Promise<{ RequestId: string }>((resolve) => (answer = resolve)));
    expect(record.facts).toMatchObject({ upstreamCalls: 1, upstreamRequestIds: [] });
    answer({ RequestId: 'up-1' });
    await expect(call).resolves.toEqual({ RequestId: 'up-1' });
    expect(record.facts.upstreamRequestIds).toEqual(['up-1']);
  });

  it('counts a failed 3.0 call, and reports the RequestId the failure carries', async () => {
    const record = new RequestRecord('req-4');
    const error = new LegacyError(4400, '(RequestLimitExceeded) slow down', { upstreamRequestId: 'up-9' });
    await expect(record.upstreamCall(() => Promise.reject(error))).rejects.toBe(error);
    record.ended({ kind: 'failed', error });
    expect(record.facts).toMatchObject({
      upstreamCalls: 1,
      upstreamRequestIds: ['up-9'],
      outcome: { kind: 'failed', error },
    });
  });

  it('clips what a client claims, for the log line', () => {
    const record = new RequestRecord('req-5');
    record.claimed('A'.repeat(500), 'S'.repeat(500));
    expect(record.facts).toMatchObject({ action: `${'A'.repeat(64)}…`, secretId: `${'S'.repeat(64)}…` });
  });

  it('answers in the 3.0 shape once a Version was named, even an empty one', () => {
    const record = new RequestRecord('req-6');
    record.versionNamed('2017-03-12');
    expect(record.cvm3Shaped).toBe(true);
    record.versionNamed('');
    expect(record.cvm3Shaped).toBe(true);
    record.versionNamed(undefined);
    expect(record.cvm3Shaped).toBe(false);
  });

  it('hands out a copy: what the log read does not change after', async () => {
    const record = new RequestRecord('req-7');
    const before = record.facts;
    await record.upstreamCall(async () => ({ RequestId: 'up-1' }));
    expect(before.upstreamRequestIds).toEqual([]);
  });
});
