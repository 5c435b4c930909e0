/**
 * The one path of the legacy API 2.0 (docs/contract.md#a1, #b1): legacy clients call the proxy
 * there, and the proxy forwards to the legacy host there.
 */
export const LEGACY_PATH = '/v2/index.php';
