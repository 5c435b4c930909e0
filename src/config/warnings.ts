/**
 * A configuration that works but should not run like this in production: logged at warn at
 * start-up, and printed by `check-config` (docs/operations.md#check).
 */
import type { ProxyConfig } from './load-config.js';

export function configWarnings(config: ProxyConfig): string[] {
  const warnings: string[] = [];
  if (!config.proxyHosts) {
    warnings.push(
      'PROXY_HOSTS is empty: a request signed for any host is accepted; set it to the names clients sign for (docs/migration.md#in-front)',
    );
  }
  return warnings;
}
