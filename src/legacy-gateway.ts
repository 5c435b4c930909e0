/**
 * One legacy request, from its parameters to its legacy answer: authenticate, refuse replays,
 * dispatch on Action, translate to 3.0 and back. No HTTP framework here: the app hands in
 * the method, host, path and parameters and gets the envelope to send.
 */
import { DESCRIBE_IMAGES } from './core/cvm3/types.js';
import { clip } from './core/clip.js';
import { LegacyError } from './core/errors.js';
import { authenticate } from './core/legacy/authenticate.js';
import { parseDescribeImages } from './core/legacy/describe-images-request.js';
import { legacySuccess, type LegacyEnvelope } from './core/legacy/envelope.js';
import type { CallerKeyring } from './core/legacy/keyring.js';
import { collectParams } from './core/legacy/params.js';
import type { SignedTarget } from './core/legacy/signature.js';
import { answerFrom, cvm3RequestFor, legacyVisible, scanAll } from './core/translate/describe-images.js';
import { upstreamUnavailable } from './core/translate/upstream-errors.js';
import type { ReplayStore } from './replay/replay-store.js';
import type { ScanCache, ScanSource } from './scan-cache.js';
import type { Cvm3Client, UpstreamIdentity } from './upstream/cvm3-client.js';

export interface IncomingLegacyRequest extends SignedTarget {
  readonly params: Iterable<readonly [string, string]>;
}

/** What the request log line says about a request; filled in as the request goes. */
export interface RequestFacts {
  action?: string;
  secretId?: string;
  region?: string;
  upstreamCalls: number;
  upstreamRetries: number;
  upstreamRequestIds: string[];
  /** Where the 3.0 listing came from: a scan of its own, the cache, or a scan another request ran. */
  scan?: ScanSource;
}

export interface GatewayDeps {
  readonly keyring: CallerKeyring;
  readonly replay: ReplayStore;
  readonly cvm: Cvm3Client;
  readonly scans: ScanCache;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  readonly timestampWindowSeconds: number;
  readonly upstreamTimeoutMs: number;
}

export type LegacyGateway = (request: IncomingLegacyRequest, facts: RequestFacts) => Promise<LegacyEnvelope>;

export function createLegacyGateway(deps: GatewayDeps): LegacyGateway {
  return async function handle(request, facts) {
    const params = collectParams(request.params);
    const action = params.get('Action');
    facts.action = action === undefined ? undefined : clip(action, 64);
    const secretId = params.get('SecretId');
    facts.secretId = secretId === undefined ? undefined : clip(secretId, 64);

    const auth = await authenticate(request, params, {
      keyring: deps.keyring,
      nowSeconds: Math.floor(deps.now() / 1000),
      windowSeconds: deps.timestampWindowSeconds,
    });
    // One deadline for everything this request waits on beyond the proxy: replay store and 3.0.
    const deadline = deps.now() + deps.upstreamTimeoutMs;
    const signal = AbortSignal.timeout(deps.upstreamTimeoutMs);
    // Remembered until its Timestamp leaves the window (which is checked in whole seconds, so the
    // window's last second ends at +1 s): after that, the window refuses it anyway.
    const expiresAtMs = (auth.timestamp + deps.timestampWindowSeconds + 1) * 1000;
    const verdict = await deps.replay.remember(auth.caller.secretId, auth.signatureId, expiresAtMs, signal);
    if (verdict === 'seen') throw new LegacyError(4500, 'this signed request was already received (replay refused); sign each request with a fresh Nonce');
    if (verdict === 'full') throw new LegacyError(4400, 'too many signed requests inside the timestamp window; retry shortly');

    // A `Version` parameter asked the legacy host for its 3.0-style API (api-facts.md A1).
    const version = params.get('Version');
    if (version !== undefined) throw new LegacyError(6100, `Version=${clip(version)}: 3.0-style requests on the legacy path are not translated`);
    if (action !== DESCRIBE_IMAGES) {
      throw new LegacyError(6100, `Action ${facts.action} is not supported by this proxy (it translates ${DESCRIBE_IMAGES})`);
    }

    const query = parseDescribeImages(params);
    facts.region = query.region;
    const token = params.get('Token');
    const identity: UpstreamIdentity = auth.caller.upstream ?? { ...auth.caller, ...(token ? { token } : {}) };
    const onRetry = () => void (facts.upstreamRetries += 1);
    const listing = cvm3RequestFor(query);
    // Never shared across identities: the key starts with the identity (and its token, if any).
    const key = JSON.stringify([identity.secretId, identity.token ?? '', query.region, query.imageType, listing]);
    const { value: visible, source } = await deps.scans.load(key, async () => {
      const images = await scanAll(listing, async (pageRequest) => {
        // A page that came back after the deadline does not get a successor.
        if (signal.aborted) throw upstreamUnavailable('no answer before the deadline');
        facts.upstreamCalls += 1;
        const page = await deps.cvm.describeImages({ identity, region: query.region, request: pageRequest, signal, deadline, onRetry });
        facts.upstreamRequestIds.push(page.RequestId);
        return page;
      });
      return legacyVisible(images, query.imageType);
    }, signal).catch((error: unknown) => {
      // Left waiting on another request's scan until this one's deadline: the signal's reason.
      throw signal.aborted && !(error instanceof LegacyError) ? upstreamUnavailable('no answer before the deadline', error) : error;
    });
    facts.scan = source;
    const result = answerFrom(visible, query);
    return legacySuccess({ totalCount: result.totalCount, imageSet: result.imageSet });
  };
}
