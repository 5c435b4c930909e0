/**
 * What the proxy needs from API 3.0, behind one small interface so that the official SDK
 * (the reference client) or a leaner one can serve it. A client throws only `LegacyError`s:
 * 3.0 errors already mapped by docs/contract.md#b10, transport failures as 6200.
 */
import type { Cvm3DescribeImagesRequest, Cvm3DescribeImagesResponse } from '../../core/cvm3/types.js';
import type { KeyPair } from '../../core/legacy/caller.js';

export interface UpstreamIdentity extends KeyPair {
  /** A temporary credential's token (X-TC-Token). */
  readonly token?: string;
}

export interface Cvm3Call {
  readonly identity: UpstreamIdentity;
  readonly region: string;
  readonly request: Cvm3DescribeImagesRequest;
  /** Aborts the call at the legacy request's deadline. */
  readonly signal: AbortSignal;
  /** The legacy request's deadline (ms since the epoch): no retry starts that cannot end before it. */
  readonly deadline: number;
  /** Told of each retry, for the request log. */
  readonly onRetry?: (error: Error, attempt: number) => void;
}

export interface Cvm3Client {
  describeImages(call: Cvm3Call): Promise<Cvm3DescribeImagesResponse>;
}
