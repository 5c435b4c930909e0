/**
 * What a test steers and reads on a running stand-in: the disagree and fail modes, and the
 * requests it received (secrets redacted), so a test can check how the proxy signed for it.
 */
import { DISAGREE_MODES, FAIL_MODES, isDisagreeMode, isFailMode, type DisagreeMode, type FailMode } from './modes.js';

export interface ReceivedRequest {
  readonly method: string;
  /** The Host header as received (the host the sender signed for, if it signed correctly). */
  readonly host: string;
  readonly path: string;
  /** Names as sent; `Signature` and `Token` (credentials) are replaced by REDACTED. */
  readonly params: Readonly<Record<string, string>>;
  readonly signatureVerified: boolean;
}

export const REDACTED = '<redacted>';
const SECRET_PARAMS = new Set(['Signature', 'Token']);
/** The oldest records are dropped past this many, so a long demo does not grow without end. */
export const RECEIVED_LIMIT = 1_000;

export interface LegacyStandinControls {
  disagree(mode: DisagreeMode): void;
  fail(mode: FailMode): void;
  readonly disagreeMode: DisagreeMode;
  readonly failMode: FailMode;
  /** Oldest first; a live view. */
  readonly received: readonly ReceivedRequest[];
  clearReceived(): void;
  /** Used by the stand-in's app for each request to the legacy path. */
  record(request: Omit<ReceivedRequest, 'params'> & { readonly params: Iterable<readonly [string, string]> }): void;
}

export function createLegacyStandinControls(
  initial: { disagree?: DisagreeMode; fail?: FailMode } = {},
): LegacyStandinControls {
  let disagreeMode: DisagreeMode = 'none';
  let failMode: FailMode = 'none';
  const received: ReceivedRequest[] = [];
  const controls: LegacyStandinControls = {
    // Checked at run time too: modes may come from a demo's environment or untyped test code.
    disagree(mode) {
      if (!isDisagreeMode(mode)) throw new Error(`disagree mode must be one of ${DISAGREE_MODES.join(', ')}`);
      disagreeMode = mode;
    },
    fail(mode) {
      if (!isFailMode(mode)) throw new Error(`fail mode must be one of ${FAIL_MODES.join(', ')}`);
      failMode = mode;
    },
    get disagreeMode() {
      return disagreeMode;
    },
    get failMode() {
      return failMode;
    },
    received,
    clearReceived: () => void received.splice(0),
    record({ params, ...rest }) {
      received.push({ ...rest, params: redacted(params) });
      if (received.length > RECEIVED_LIMIT) received.splice(0, received.length - RECEIVED_LIMIT);
    },
  };
  controls.disagree(initial.disagree ?? 'none');
  controls.fail(initial.fail ?? 'none');
  return controls;
}

function redacted(params: Iterable<readonly [string, string]>): Record<string, string> {
  // fromEntries defines own properties: a parameter named `__proto__` stays a parameter.
  return Object.fromEntries([...params].map(([name, value]) => [name, SECRET_PARAMS.has(name) ? REDACTED : value]));
}
