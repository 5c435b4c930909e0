/**
 * deploy/k8s/ read as Kubernetes would: the probes, resources and hardening the README promises,
 * the Secret by reference, a termination grace period that outlasts the drain, and the HPA, PDB
 * and Service aimed at the Deployment's pods. The ConfigMap must pass the proxy's own loadConfig.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { DEMO_ACCOUNTS } from '../../dev/emulator/accounts.js';
import { readYaml, type Yaml } from './deploy-files.js';

const deployment: Yaml = readYaml('deploy/k8s/deployment.yaml');
const configMap: Yaml = readYaml('deploy/k8s/configmap.yaml');
const secret: Yaml = readYaml('deploy/k8s/secret.example.yaml');
const pod: Yaml = deployment.spec.template.spec;
const containers: Yaml[] = pod.containers;
const proxy: Yaml = containers[0];
const podLabels: Record<string, string> = deployment.spec.template.metadata.labels;
const demoCredentials = JSON.stringify(DEMO_ACCOUNTS.map(({ secretId, secretKey }) => ({ secretId, secretKey })));

function selects(selector: Record<string, string>): boolean {
  return Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => podLabels[key] === value);
}

describe('deployment', () => {
  it('is one proxy container whose pods its own selector picks', () => {
    expect(deployment.kind).toBe('Deployment');
    expect(containers).toHaveLength(1);
    expect(selects(deployment.spec.selector.matchLabels)).toBe(true);
  });

  it('probes readiness and liveness on /healthz, on the port the proxy listens on', () => {
    const port = Number(configMap.data.PORT);
    const named = new Map<string, number>(proxy.ports.map((p: Yaml) => [p.name, p.containerPort]));
    for (const probe of [proxy.readinessProbe, proxy.livenessProbe]) {
      expect(probe.httpGet.path).toBe('/healthz');
      expect(named.get(probe.httpGet.port) ?? probe.httpGet.port).toBe(port);
    }
  });

  it('sets CPU and memory requests and limits', () => {
    for (const kind of ['requests', 'limits']) {
      expect(proxy.resources[kind].cpu).toBeTruthy();
      expect(proxy.resources[kind].memory).toBeTruthy();
    }
  });

  it('runs as non-root, read-only, without privilege escalation or capabilities', () => {
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(proxy.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, runAsNonRoot: true });
    expect(proxy.securityContext.capabilities.drop).toContain('ALL');
    expect(proxy.securityContext.capabilities.add).toBeUndefined();
    expect(proxy.securityContext.privileged).not.toBe(true);
  });

  it('reads PROXY_CREDENTIALS from the Secret by reference, never as a literal', () => {
    const entries: Yaml[] = proxy.env.filter((e: Yaml) => e.name === 'PROXY_CREDENTIALS');
    expect(entries).toHaveLength(1);
    expect(entries[0].value).toBeUndefined();
    expect(entries[0].valueFrom.secretKeyRef).toEqual({ name: secret.metadata.name, key: 'PROXY_CREDENTIALS' });
    expect(Object.keys(secret.stringData)).toContain('PROXY_CREDENTIALS');
    expect(proxy.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
    expect(configMap.data.PROXY_CREDENTIALS).toBeUndefined();
  });

  it('gives preStop and the whole drain time before SIGKILL', () => {
    const config = loadConfig({ ...configMap.data, PROXY_CREDENTIALS: demoCredentials });
    const preStop: string[] = proxy.lifecycle.preStop.exec.command;
    expect(preStop[0]).toBe('sleep');
    const preStopSeconds = Number(preStop[1]);
    expect(preStopSeconds).toBeGreaterThan(0);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(preStopSeconds + config.shutdownGraceMs / 1000);
  });
});

describe('configmap', () => {
  it("passes the proxy's own configuration check", () => {
    expect(() => loadConfig({ ...configMap.data, PROXY_CREDENTIALS: demoCredentials })).not.toThrow();
  });

  it('accepts only the host names clients sign for (PROXY_HOSTS), the legacy name among them', () => {
    const config = loadConfig({ ...configMap.data, PROXY_CREDENTIALS: demoCredentials });
    expect(config.proxyHosts).toBeDefined();
    expect([...config.proxyHosts!]).toContain('image.api.qcloud.com');
  });

  it('names a Redis for shared replay protection, without a password in it', () => {
    const url = new URL(configMap.data.REDIS_URL);
    expect(url.protocol).toMatch(/^rediss?:$/);
    expect(url.username + url.password).toBe('');
    expect(['open', 'closed']).toContain(configMap.data.REPLAY_STORE_ON_FAILURE);
  });

  it('holds only strings (a ConfigMap has no numbers)', () => {
    for (const value of Object.values(configMap.data)) expect(typeof value).toBe('string');
  });
});

describe('service, autoscaler, disruption budget', () => {
  it('the Service sends to the pods, on their named port', () => {
    const service: Yaml = readYaml('deploy/k8s/service.yaml');
    expect(selects(service.spec.selector)).toBe(true);
    expect(proxy.ports.map((p: Yaml) => p.name)).toContain(service.spec.ports[0].targetPort);
  });

  it('the HPA (autoscaling/v2, on CPU) scales this Deployment by name, from two replicas', () => {
    const hpa: Yaml = readYaml('deploy/k8s/hpa.yaml');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
    expect(hpa.spec.metrics.map((m: Yaml) => m.resource?.name)).toContain('cpu');
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    // The HPA owns the count: a `replicas` in the Deployment would reset it at every apply.
    expect(deployment.spec.replicas).toBeUndefined();
  });

  it("the PDB's selector matches the pods' labels", () => {
    const pdb: Yaml = readYaml('deploy/k8s/pdb.yaml');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(selects(pdb.spec.selector.matchLabels)).toBe(true);
  });
});
