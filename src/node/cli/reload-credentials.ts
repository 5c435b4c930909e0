/**
 * SIGHUP, for the callers: the settings are read again from where they came from (the
 * environment the process started with, the --env-file, PROXY_CREDENTIALS_FILE), checked whole,
 * and only then PROXY_CREDENTIALS replaces the callers served. Requests in flight finish with the
 * key they were checked with; nothing stops listening. An invalid configuration changes nothing.
 * Other settings take effect only at a restart, and the log says which ones changed.
 */
import type { CallerCredential } from '../../core/legacy/caller.js';
import type { ReloadableKeyring } from '../../core/legacy/reloadable-keyring.js';
import { effectiveSettings, type EffectiveSetting } from '../../config/effective-settings.js';
import { ConfigError, loadConfig } from '../../config/load-config.js';
import type { Logger } from '../../observability/logger.js';
import { readTextFile, type Environment } from './env-file.js';

export interface ReloadDeps {
  /** Reads the environment again (the env file is read anew). */
  readonly environment: () => Environment;
  readonly keyring: ReloadableKeyring;
  readonly logger: Logger;
  /** What the process started with. */
  readonly credentials: readonly CallerCredential[];
  readonly settings: readonly EffectiveSetting[];
}

/** Returns the reload; it never throws (a signal handler has no one to throw to). */
export function credentialsReloader(deps: ReloadDeps): () => boolean {
  const started = new Map(deps.settings.map((s) => [s.name, s.text]));
  let callers = deps.credentials;
  return () => {
    let environment: Environment;
    let next: readonly CallerCredential[];
    try {
      environment = deps.environment();
      next = loadConfig(environment.env, readTextFile).credentials;
    } catch (error) {
      const problems = error instanceof ConfigError ? error.problems : [(error as Error).message];
      deps.logger.error(
        { problems },
        'PROXY_CREDENTIALS not reloaded: the configuration is not valid; the previous callers are still served',
      );
      return false;
    }
    deps.keyring.replace(next);
    deps.logger.info({ callers: next.length, ...differences(callers, next) }, 'PROXY_CREDENTIALS reloaded');
    callers = next;
    const changed = effectiveSettings(environment.env, readTextFile, environment.fromFile)
      .filter((s) => s.name !== 'PROXY_CREDENTIALS' && s.text !== started.get(s.name))
      .map((s) => s.name);
    if (changed.length > 0)
      deps.logger.warn({ settings: changed }, 'settings changed since the start take effect only after a restart');
    return true;
  };
}

/** By SecretId, never a key: who came, who went, whose keys changed. */
function differences(before: readonly CallerCredential[], after: readonly CallerCredential[]) {
  const old = new Map(before.map((c) => [c.secretId, JSON.stringify(c)]));
  const now = new Map(after.map((c) => [c.secretId, JSON.stringify(c)]));
  return {
    added: [...now.keys()].filter((id) => !old.has(id)),
    removed: [...old.keys()].filter((id) => !now.has(id)),
    changed: [...now.keys()].filter((id) => old.has(id) && old.get(id) !== now.get(id)),
  };
}
