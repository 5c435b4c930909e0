/**
 * One legacy request, from its parameters to its answer: read the parameters, authenticate, refuse
 * replays, then route by Action (ACTION_ROUTES): translate to 3.0 and back, pass through to the
 * legacy endpoint, or, for a `Version=2017-03-12` call, forward its 3.0-style form to 3.0. No HTTP
 * framework here: the app hands in the request and a record, and renders the answer it gets back.
 */
import { clip } from '../core/clip.js';
import { LegacyError } from '../core/errors.js';
import { authenticate } from '../core/legacy/authenticate.js';
import { callShapeOf } from '../core/migration/call-shape.js';
import { legacyFailure, type LegacyEnvelope } from '../core/legacy/envelope.js';
import type { CallerKeyring } from '../core/legacy/keyring.js';
import { collectParams, normaliseName } from '../core/legacy/params.js';
import type { SignedTarget } from '../core/legacy/signature.js';
import type { ActionRoutes } from '../core/routing/action-routes.js';
import { requestRoute } from '../core/routing/request-route.js';
import { RequestContext, type RouteContext } from './context.js';
import type { IncomingLegacyRequest, LegacyGateway } from './request.js';

export type { IncomingLegacyRequest, LegacyGateway } from './request.js';
import { RequestDeadline } from './deadline.js';
import type { Answer } from './outcome.js';
import { forwarderFor, passThrough } from './pass-through.js';
import type { RequestRecord } from './request-record.js';
import { translateDescribeImages, type TranslateDeps } from './translate.js';
import { transitionalDescribeImages } from './transitional.js';
import type { LegacyForwarder } from '../upstream/legacy-forwarder.js';
import type { ReplayStore } from '../replay/replay-store.js';
import type { ShadowComparer } from './shadow.js';

import type { Pairs } from './request.js';

export interface GatewayDeps extends TranslateDeps {
  readonly keyring: CallerKeyring;
  readonly replay: ReplayStore;
  readonly routes: ActionRoutes;
  /** PROXY_HOSTS: the hosts a signature may name; absent, any. */
  readonly proxyHosts: ReadonlySet<string> | undefined;
  /** Absent without LEGACY_ENDPOINT: nothing passes through, and no shadow runs. */
  readonly forward: LegacyForwarder | undefined;
  readonly shadow: ShadowComparer | undefined;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  readonly timestampWindowSeconds: number;
  readonly upstreamTimeoutMs: number;
}

const NOT_SHADOWED: ReadonlySet<number> = new Set([4400, 6000, 6200]);

/** Resolves with the answer, which the record has been told of; a failure is thrown, for the app's onError. */

export function createLegacyGateway(deps: GatewayDeps): LegacyGateway {
  return async function handle(request, record) {
    const answer = await answerOf(request, record);
    record.ended(answer);
    return answer;
  };

  async function answerOf(request: IncomingLegacyRequest, record: RequestRecord): Promise<Answer> {
    const pairs = await request.readParams().catch((error: unknown) => {
      // Even a request refused before its parameters are read gets the shape it asked for.
      record.versionNamed(versionIn(request.query));
      throw error;
    });
    stillWanted(request);
    const version = versionIn(pairs);
    record.versionNamed(version);
    const params = collectParams(pairs);
    const action = params.get('Action');
    record.claimed(action, params.get('SecretId'));

    if (deps.proxyHosts && !deps.proxyHosts.has(request.host.toLowerCase())) {
      throw new LegacyError(
        4100,
        `host ${clip(request.host, 64)} is not one this proxy serves (PROXY_HOSTS); sign for the host you send to`,
      );
    }
    const auth = await authenticate(request, params, {
      keyring: deps.keyring,
      nowSeconds: Math.floor(deps.now() / 1000),
      windowSeconds: deps.timestampWindowSeconds,
    });
    record.authenticated();
    stillWanted(request);
    record.shaped(callShapeOf(params));
    // One deadline for everything this request waits on beyond the proxy: replay store and upstreams.
    // Its signal and timer are made when something first waits on I/O (deadline.ts).
    const deadline = new RequestDeadline(deps.now() + deps.upstreamTimeoutMs, deps.now);
    try {
      const context = new RequestContext(
        request.method.toUpperCase(),
        params,
        auth,
        record,
        deadline,
        request.background,
      );
      // authenticate() refuses a request without an Action.
      return await route(context, action!, version);
    } finally {
      deadline.end();
    }
  }

  async function route(context: RouteContext, action: string, version: string | undefined): Promise<Answer> {
    const { auth, record } = context;
    // Remembered until its Timestamp leaves the window (which is checked in whole seconds, so the
    // window's last second ends at +1 s): after that, the window refuses it anyway.
    const expiresAtMs = (auth.timestamp + deps.timestampWindowSeconds + 1) * 1000;
    // A store in this process's memory answers at once: it is handed no deadline, so none is made for it.
    const signal = deps.replay.inProcess ? undefined : context.signal;
    const verdict = await deps.replay.remember(auth.caller.secretId, auth.signatureId, expiresAtMs, signal);
    if (verdict === 'seen')
      throw new LegacyError(
        4500,
        'this signed request was already received (replay refused); sign each request with a fresh Nonce',
      );
    if (verdict === 'full')
      throw new LegacyError(4400, 'too many signed requests inside the timestamp window; retry shortly');

    const way = requestRoute(deps.routes, action, version);
    if (way === 'transitional') {
      record.routed('transitional');
      return { kind: 'cvm3', answer: await transitionalDescribeImages(context, deps.cvm) };
    }
    if (way === 'passthrough') {
      const forward = forwarderFor(action, deps.forward);
      record.routed('passthrough');
      return { kind: 'forwarded', answer: await passThrough(context, forward) };
    }
    record.routed('translated');
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

/**
 * A request whose client is gone is not carried out (docs/reliability.md#stalled-connections):
 * checked once its body has arrived and again before anything is remembered, forwarded or sent
 * to 3.0, so that a body completing after its 408 can never start, say, a RunInstances the client
 * was told had failed.
 */
function stillWanted(request: IncomingLegacyRequest): void {
  if (request.signal?.aborted)
    throw new LegacyError(4000, 'the client went away before the request was carried out (it was not)');
}

/**
 * The `Version` the pairs name, if any. A `Version` asks for the 3.0-style API the legacy host
 * once served (docs/contract.md#a1): its client reads 3.0-shaped answers, errors included.
 */
function versionIn(pairs: Pairs): string | undefined {
  for (const [name, value] of pairs) if (normaliseName(name) === 'Version') return value;
  return undefined;
}
