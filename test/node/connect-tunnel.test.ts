import { describe, expect, it } from 'vitest';
import { tunnelTargets } from '../../src/node/connect-tunnel.js';

describe('tunnelTargets: what a CONNECT may name', () => {
  it('by default, the legacy image API on 443', () => {
    expect([...tunnelTargets({ proxyHosts: undefined, legacyEndpoint: undefined })]).toEqual([
      'image.api.qcloud.com:443',
    ]);
  });

  it('and the HTTPS legacy endpoint that pass-through goes to, on its port', () => {
    expect([
      ...tunnelTargets({ proxyHosts: undefined, legacyEndpoint: new URL('https://cvm.api.qcloud.com') }),
    ]).toEqual(['image.api.qcloud.com:443', 'cvm.api.qcloud.com:443']);
    // A plain-HTTP endpoint is not a host HTTPS clients tunnel to.
    expect([...tunnelTargets({ proxyHosts: undefined, legacyEndpoint: new URL('http://127.0.0.1:9100') })]).toEqual([
      'image.api.qcloud.com:443',
    ]);
  });

  it('PROXY_HOSTS, where set, decides alone: a bare host means 443, a host:port stays as named', () => {
    const targets = tunnelTargets({
      proxyHosts: new Set(['image.api.qcloud.com', 'legacy-proxy.internal:8787']),
      legacyEndpoint: new URL('https://cvm.api.qcloud.com'),
    });
    expect([...targets]).toEqual(['image.api.qcloud.com:443', 'legacy-proxy.internal:8787']);
  });
});
