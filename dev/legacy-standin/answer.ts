/**
 * One request to the stand-in's legacy path, from its parameters to the legacy envelope, the way
 * the legacy host answered: the common parameters and the v1 signature checked with the core's
 * `authenticate` (4000 → 4104 → 4100 → 4200, Host as received), then the Action. No HTTP here.
 * Only the checks before the Action are the proxy's own code; the Actions' answers are the
 * stand-in's (describe-images.ts says why that matters).
 */
import { clip } from '../../src/core/clip.js';
import { LegacyError } from '../../src/core/errors.js';
import { authenticate } from '../../src/core/legacy/authenticate.js';
import { legacyFailure, type LegacyEnvelope } from '../../src/core/legacy/envelope.js';
import type { CallerKeyring } from '../../src/core/legacy/keyring.js';
import { collectParams, type LegacyParams } from '../../src/core/legacy/params.js';
import type { SignedTarget } from '../../src/core/legacy/signature.js';
import type { EmulatorAccount } from '../emulator/accounts.js';
import type { Catalogue } from '../emulator/catalogue.js';
import { describeImagesFromCatalogue } from './describe-images.js';
import { describeInstances } from './describe-instances.js';
import { disagreeWith, type DisagreeMode } from './modes.js';
import { signatureVerifies } from './signature-check.js';

export interface StandinDeps {
  readonly accounts: ReadonlyMap<string, EmulatorAccount>;
  readonly keyring: CallerKeyring;
  readonly catalogue: Catalogue;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  readonly timestampWindowSeconds: number;
  readonly instancesPerAccount: number;
}

export interface StandinAnswer {
  readonly envelope: LegacyEnvelope;
  readonly signatureVerified: boolean;
}

export const SERVED_ACTIONS = ['DescribeImages', 'DescribeInstances'] as const;

export async function answerLegacyCall(
  deps: StandinDeps,
  target: SignedTarget,
  pairs: Iterable<readonly [string, string]>,
  disagree: DisagreeMode,
): Promise<StandinAnswer> {
  let signatureVerified = false;
  const list = [...pairs];
  try {
    const params = collectParams(list);
    signatureVerified = await signatureVerifies(target, params, deps.keyring);
    const auth = await authenticate(target, params, {
      keyring: deps.keyring,
      nowSeconds: Math.floor(deps.now() / 1000),
      windowSeconds: deps.timestampWindowSeconds,
    });
    // The keyring is built from these accounts, so a caller it found is one of them.
    const account = deps.accounts.get(auth.caller.secretId)!;
    return { signatureVerified, envelope: dispatch(deps, account, params, list, disagree) };
  } catch (error) {
    return { signatureVerified, envelope: legacyFailure(asLegacyError(error)) };
  }
}

function dispatch(
  deps: StandinDeps,
  account: EmulatorAccount,
  params: LegacyParams,
  pairs: ReadonlyArray<readonly [string, string]>,
  disagree: DisagreeMode,
): LegacyEnvelope {
  // A `Version` parameter asked the legacy host for its 3.0-style API (docs/contract.md#a1): not played here.
  const version = params.get('Version');
  if (version !== undefined)
    throw new LegacyError(6100, `Version=${clip(version)}: the 3.0-style API is not served by this stand-in`);
  const action = params.get('Action')!;
  // docs/contract.md#leg-err: 6100 is "this interface is not supported in this version ... check that the domain is
  // the right one, modules have different domains": the code for an Action this host does not
  // serve. 4000 is for bad values of a served Action's parameters.
  if (!(SERVED_ACTIONS as readonly string[]).includes(action)) {
    throw new LegacyError(
      6100,
      `Action ${clip(action, 64)} is not supported on this host (it serves ${SERVED_ACTIONS.join(', ')})`,
    );
  }
  // Temporary credentials and CAM, as the emulator applies them to the same accounts.
  if (account.token !== undefined && params.get('Token') !== account.token)
    throw new LegacyError(4105, 'Token is missing or not valid for this SecretId');
  if (account.denied) throw new LegacyError(4101, `the account's CAM policy does not allow ${action}`);

  if (action === 'DescribeInstances') return success(describeInstances(account.uin, params, deps.instancesPerAccount));
  const truth = describeImagesFromCatalogue(deps.catalogue, account.uin, pairs);
  const { totalCount, imageSet } = disagreeWith(truth, disagree);
  return success({ totalCount, imageSet });
}

/** Legacy page §3: `code` 0 and `message` first; `codeDesc` "Success" as sibling v2 APIs sent it (A1). */
function success(fields: object): LegacyEnvelope {
  return { code: 0, message: '', codeDesc: 'Success', ...fields };
}

/** Known errors pass as they are; anything else is a 6000 without details (a one-line note goes to stderr). */
function asLegacyError(error: unknown): LegacyError {
  if (error instanceof LegacyError) return error;
  console.error(`legacy stand-in: unexpected ${error instanceof Error ? `${error.name}: ${error.message}` : 'error'}`);
  return new LegacyError(6000, 'internal error in the legacy stand-in');
}
