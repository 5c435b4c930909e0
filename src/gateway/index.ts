/**
 * One legacy request, from its parameters to its answer: authenticate, refuse replays, then route
 * by Action (ACTION_ROUTES): translate to 3.0 and back, pass through to the legacy endpoint, or,
 * for a `Version=2017-03-12` call, forward its 3.0-style form to 3.0. No HTTP framework here: the
 * app hands in the method, host, path and parameters and gets the answer to send.
 */
import { DESCRIBE_IMAGES } from '../core/cvm3/types.js';
import { clip } from '../core/clip.js';
import { LegacyError } from '../core/errors.js';
import { authenticate } from '../core/legacy/authenticate.js';
import { legacyFailure, type LegacyEnvelope } from '../core/legacy/envelope.js';
import type { CallerKeyring } from '../core/legacy/keyring.js';
import { collectParams } from '../core/legacy/params.js';
import type { SignedTarget } from '../core/legacy/signature.js';
import { routeOf, type ActionRoutes } from '../core/routing/action-routes.js';
import type { Cvm3Answer } from '../core/transitional/cvm3-answer.js';
import { TRANSITIONAL_VERSION } from '../core/transitional/describe-images-3.js';
import type { RequestFacts, RouteContext } from './context.js';
import { passThrough } from './pass-through.js';
import { translateDescribeImages, type TranslateDeps } from './translate.js';
import { transitionalDescribeImages } from './transitional.js';
import type { LegacyAnswer, LegacyForwarder } from '../upstream/legacy-forwarder.js';
import type { ReplayStore } from '../replay/replay-store.js';
import type { ShadowComparer } from './shadow.js';

export type { RequestFacts } from './context.js';

export interface IncomingLegacyRequest extends SignedTarget {
  readonly params: Iterable<readonly [string, string]>;
  readonly requestId: string;
  /** Keeps background work (a shadow comparison) alive after the answer: a Worker's waitUntil. */
  readonly waitUntil: (task: Promise<unknown>) => void;
}

export type GatewayAnswer =
  | { readonly kind: 'legacy'; readonly envelope: LegacyEnvelope }
  | { readonly kind: 'cvm3'; readonly answer: Cvm3Answer }
  | { readonly kind: 'forwarded'; readonly answer: LegacyAnswer };

export interface GatewayDeps extends TranslateDeps {
  readonly keyring: CallerKeyring;
  readonly replay: ReplayStore;
  readonly routes: ActionRoutes;
  /** PROXY_HOSTS: the hosts a signature may name; absent, any. */
  readonly proxyHosts?: ReadonlySet<string>;
  /** Absent without LEGACY_ENDPOINT: nothing passes through, and no shadow runs. */
  readonly forward?: LegacyForwarder;
  readonly shadow?: ShadowComparer;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  readonly timestampWindowSeconds: number;
  readonly upstreamTimeoutMs: number;
}

const NOT_SHADOWED: ReadonlySet<number> = new Set([4400, 6000, 6200]);

export type LegacyGateway = (request: IncomingLegacyRequest, facts: RequestFacts) => Promise<GatewayAnswer>;

export function createLegacyGateway(deps: GatewayDeps): LegacyGateway {
  return async function handle(request, facts) {
    const params = collectParams(request.params);
    const action = params.get('Action');
    facts.action = action === undefined ? undefined : clip(action, 64);
    const secretId = params.get('SecretId');
    facts.secretId = secretId === undefined ? undefined : clip(secretId, 64);
    // A `Version` asks for the 3.0-style API the legacy host once served (api-facts.md A1).
    const version = params.get('Version');

    if (deps.proxyHosts && !deps.proxyHosts.has(request.host.toLowerCase())) {
      throw new LegacyError(4100, `host ${clip(request.host, 64)} is not one this proxy serves (PROXY_HOSTS); sign for the host you send to`);
    }
    const auth = await authenticate(request, params, {
      keyring: deps.keyring,
      nowSeconds: Math.floor(deps.now() / 1000),
      windowSeconds: deps.timestampWindowSeconds,
    });
    facts.authenticated = true;
    // One deadline for everything this request waits on beyond the proxy: replay store and upstreams.
    // Not AbortSignal.timeout: its timer outlives the answer by the whole timeout (tens of thousands
    // of live timers at a few thousand requests a second); this one is cleared as the request ends.
    const deadline = deps.now() + deps.upstreamTimeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('the request deadline passed', 'TimeoutError')), deps.upstreamTimeoutMs);
    try {
      const context: RouteContext = { requestId: request.requestId, method: request.method.toUpperCase(), params, auth, facts, signal: controller.signal, deadline, waitUntil: request.waitUntil };
      return await route(context, action!, version);
    } finally {
      clearTimeout(timer);
    }
  };

  async function route(context: RouteContext, action: string, version: string | undefined): Promise<GatewayAnswer> {
    const { auth, facts, signal } = context;
    // Remembered until its Timestamp leaves the window (which is checked in whole seconds, so the
    // window's last second ends at +1 s): after that, the window refuses it anyway.
    const expiresAtMs = (auth.timestamp + deps.timestampWindowSeconds + 1) * 1000;
    const verdict = await deps.replay.remember(auth.caller.secretId, auth.signatureId, expiresAtMs, signal);
    if (verdict === 'seen') throw new LegacyError(4500, 'this signed request was already received (replay refused); sign each request with a fresh Nonce');
    if (verdict === 'full') throw new LegacyError(4400, 'too many signed requests inside the timestamp window; retry shortly');

    const actionRoute = routeOf(deps.routes, action);
    // A 3.0-style DescribeImages goes to 3.0 as it is, unless the team sends DescribeImages through.
    if (version === TRANSITIONAL_VERSION && action === DESCRIBE_IMAGES && actionRoute === 'translate') {
      facts.route = 'transitional';
      return { kind: 'cvm3', answer: await transitionalDescribeImages(context, deps.cvm) };
    }
    if (version !== undefined || actionRoute === 'passthrough') {
      return { kind: 'forwarded', answer: await passThrough(context, deps.forward) };
    }
    facts.route = 'translated';
    return { kind: 'legacy', envelope: await translated(context) };
  }

  /** The translated answer, and a sample of them compared against the legacy endpoint's. */
  async function translated(context: RouteContext): Promise<LegacyEnvelope> {
    try {
      const envelope = await translateDescribeImages(context, deps);
      deps.shadow?.(context, envelope);
      return envelope;
    } catch (error) {
      // 3.0 down, an internal error or local overload says nothing about the translation: no shadow.
      if (error instanceof LegacyError && !NOT_SHADOWED.has(error.code)) deps.shadow?.(context, legacyFailure(error));
      throw error;
    }
  }
}
