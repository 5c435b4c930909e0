/** One legacy request as the gateway receives it, and the gateway's own type: what the app needs of it. */
import type { SignedTarget } from '../core/legacy/signature.js';
import type { Answer } from './outcome.js';
import type { RequestRecord } from './request-record.js';

export type Pairs = Iterable<readonly [string, string]>;

export interface IncomingLegacyRequest extends SignedTarget {
  /** The query string's pairs: all that is known of a request whose parameters cannot be read. */
  readonly query: Pairs;
  /** The parameters (GET: the query string; POST: the form body); a 4000 for what cannot be read. */
  readonly readParams: () => Promise<ReadonlyArray<readonly [string, string]>>;
  /** Keeps background work (a shadow comparison) alive after the answer: a Worker's waitUntil. */
  readonly background: (task: Promise<unknown>) => void;
  /** Aborted once the client can no longer receive the answer: it went away, or was answered 408. */
  readonly signal?: { readonly aborted: boolean };
}

export type LegacyGateway = (request: IncomingLegacyRequest, record: RequestRecord) => Promise<Answer>;
