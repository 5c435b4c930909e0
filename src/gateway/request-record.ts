/**
 * What happened to one legacy request, told by the gateway as it happens (each method names an
 * event) and read once, when the request has ended, by the request log line and the metrics.
 */
import { clip } from '../core/clip.js';
import type { CallShape } from '../core/migration/shape-types.js';
import type { Route } from '../observability/metrics/observations.js';
import type { Outcome } from './outcome.js';
import type { ScanSource } from './scan-cache.js';

/** What the record holds, as plain data. */
export interface RequestFacts {
  readonly requestId: string;
  /** The Action and SecretId the request names: claims, until `authenticated`. */
  readonly action: string | undefined;
  readonly secretId: string | undefined;
  /**
   * True once the request's signature verified. Only then do its SecretId and Action become metric
   * labels: anyone can claim a SecretId or invent Actions, and must not fill or blur the metrics.
   */
  readonly authenticated: boolean;
  readonly region: string | undefined;
  /** Which way the request went; `rejected` until it gets past authentication and routing. */
  readonly route: Route;
  readonly upstreamCalls: number;
  readonly upstreamRetries: number;
  /** The RequestId of every 3.0 answer, a 3.0 error's included. */
  readonly upstreamRequestIds: readonly string[];
  /** Where the 3.0 listing came from: a scan of its own, the cache, or a scan another request ran. */
  readonly scan: ScanSource | undefined;
  /** Absent only while the request is still going. */
  readonly outcome: Outcome | undefined;
  /** The call's shape, for the migration assistant: known once the signature verified. */
  readonly shape: CallShape | undefined;
}

/** Client input is clipped before it is kept: it goes into a log line. */
const CLAIM_LENGTH = 64;

export class RequestRecord {
  #action: string | undefined;
  #secretId: string | undefined;
  #authenticated = false;
  #cvm3Shaped = false;
  #region: string | undefined;
  #route: Route = 'rejected';
  #upstreamCalls = 0;
  #upstreamRetries = 0;
  readonly #upstreamRequestIds: string[] = [];
  #scan: ScanSource | undefined;
  #outcome: Outcome | undefined;
  #shape: CallShape | undefined;

  constructor(readonly requestId: string) {}

  /** The Version the request named, if any: its answers, errors included, take the 3.0 shape then. */
  versionNamed(version: string | undefined): void {
    this.#cvm3Shaped = version !== undefined;
  }

  /** True when the request named a `Version`: a transitional client, which reads 3.0-shaped answers. */
  get cvm3Shaped(): boolean {
    return this.#cvm3Shaped;
  }

  claimed(action: string | undefined, secretId: string | undefined): void {
    this.#action = action === undefined ? undefined : clip(action, CLAIM_LENGTH);
    this.#secretId = secretId === undefined ? undefined : clip(secretId, CLAIM_LENGTH);
  }

  get action(): string | undefined {
    return this.#action;
  }

  /** The signature verified: the claimed SecretId and Action are the caller's own. */
  authenticated(): void {
    this.#authenticated = true;
  }

  /** The shape of a call whose signature verified (never a secret: see core/migration/call-shape.ts). */
  shaped(shape: CallShape): void {
    this.#shape = shape;
  }

  routed(route: Route): void {
    this.#route = route;
  }

  inRegion(region: string): void {
    this.#region = region;
  }

  /** One 3.0 call: counted as it starts, its RequestId kept when it answers. */
  async upstreamCall<T extends { readonly RequestId: string }>(call: () => Promise<T>): Promise<T> {
    this.#upstreamCalls += 1;
    const answer = await call();
    this.#upstreamRequestIds.push(answer.RequestId);
    return answer;
  }

  retried(): void {
    this.#upstreamRetries += 1;
  }

  scanned(source: ScanSource): void {
    this.#scan = source;
  }

  ended(outcome: Outcome): void {
    this.#outcome = outcome;
  }

  get facts(): RequestFacts {
    const failedUpstream = this.#outcome?.kind === 'failed' ? this.#outcome.error.upstreamRequestId : undefined;
    return {
      requestId: this.requestId,
      action: this.#action,
      secretId: this.#secretId,
      authenticated: this.#authenticated,
      region: this.#region,
      route: this.#route,
      upstreamCalls: this.#upstreamCalls,
      upstreamRetries: this.#upstreamRetries,
      upstreamRequestIds: failedUpstream
        ? [...this.#upstreamRequestIds, failedUpstream]
        : [...this.#upstreamRequestIds],
      scan: this.#scan,
      outcome: this.#outcome,
      shape: this.#shape,
    };
  }
}
