/**
 * The legacy API 2.0 host, played locally as a Hono app: GET and form POST on `/v2/index.php`, v1
 * signatures verified against the Host header as received, DescribeImages answered from the
 * emulator's catalogue (describe-images.ts), DescribeInstances from a synthetic fleet, and the
 * test controls (controls.ts) applied to every request on that path.
 */
import { Hono } from 'hono';
import { LEGACY_PATH } from '../../src/core/legacy/endpoint.js';
import { LegacyError } from '../../src/core/errors.js';
import { legacyFailure } from '../../src/core/legacy/envelope.js';
import { createCallerKeyring } from '../../src/core/legacy/keyring.js';
import { DEMO_ACCOUNTS, accountUins, type EmulatorAccount } from '../emulator/accounts.js';
import { DEMO_CATALOGUE, buildCatalogue, defaultCatalogueSpec, type Catalogue } from '../emulator/catalogue.js';
import { readLegacyParams } from '../../src/http/read-params.js';
import { answerLegacyCall, type StandinAnswer, type StandinDeps } from './answer.js';
import { createLegacyStandinControls, type LegacyStandinControls } from './controls.js';
import { DEFAULT_INSTANCES_PER_ACCOUNT } from './describe-instances.js';
import { failureResponse } from './failures.js';
import type { DisagreeMode, FailMode } from './modes.js';

export interface LegacyStandinOptions {
  /** Who may call; default the emulator's two demo accounts (their uins pick what they see). */
  readonly accounts?: readonly EmulatorAccount[];
  /** Default: the catalogue the emulator builds for the same accounts. */
  readonly catalogue?: Catalogue;
  /** Milliseconds clock for the Timestamp window; default `Date.now`. */
  readonly now?: () => number;
  /** Default 300, the proxy's default (the legacy documents say 5 minutes in some places). */
  readonly timestampWindowSeconds?: number;
  /** Default 65536. */
  readonly maxBodyBytes?: number;
  readonly instancesPerAccount?: number;
  /** Pass your own to steer and read the app; one is made otherwise. */
  readonly controls?: LegacyStandinControls;
  /** Modes to start in (applied to `controls`). */
  readonly disagree?: DisagreeMode;
  readonly fail?: FailMode;
}

export function createLegacyStandin(options: LegacyStandinOptions = {}): Hono {
  const accounts = options.accounts ?? DEMO_ACCOUNTS;
  const controls = options.controls ?? createLegacyStandinControls();
  if (options.disagree) controls.disagree(options.disagree);
  if (options.fail) controls.fail(options.fail);
  const deps: StandinDeps = {
    accounts: new Map(accounts.map((a) => [a.secretId, a])),
    keyring: createCallerKeyring(accounts.map(({ secretId, secretKey }) => ({ secretId, secretKey }))),
    catalogue:
      options.catalogue ??
      (accounts === DEMO_ACCOUNTS ? DEMO_CATALOGUE : buildCatalogue(defaultCatalogueSpec(accountUins(accounts)))),
    now: options.now ?? Date.now,
    timestampWindowSeconds: options.timestampWindowSeconds ?? 300,
    instancesPerAccount: options.instancesPerAccount ?? DEFAULT_INSTANCES_PER_ACCOUNT,
  };
  const maxBodyBytes = options.maxBodyBytes ?? 65_536;

  const app = new Hono();
  app.all(LEGACY_PATH, async (c) => {
    const target = { method: c.req.method, host: c.req.header('host') ?? new URL(c.req.url).host, path: c.req.path };
    let pairs: Array<[string, string]> = [];
    let answer: StandinAnswer;
    try {
      pairs = await readLegacyParams(c, maxBodyBytes);
      answer = await answerLegacyCall(deps, target, pairs, controls.disagreeMode);
    } catch (error) {
      if (!(error instanceof LegacyError)) throw error;
      answer = { envelope: legacyFailure(error), signatureVerified: false };
    }
    controls.record({ ...target, params: pairs, signatureVerified: answer.signatureVerified });
    return (await failureResponse(controls.failMode, c.req.raw.signal)) ?? c.json(answer.envelope, 200);
  });
  app.notFound((c) =>
    c.json(legacyFailure(new LegacyError(5000, `no such path ${c.req.path.slice(0, 80)}; use ${LEGACY_PATH}`)), 404),
  );
  app.onError((_error, c) =>
    c.json(legacyFailure(new LegacyError(6000, 'internal error in the legacy stand-in')), 200),
  );
  return app;
}
