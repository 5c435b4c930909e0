/**
 * deploy/k8s/ read as Kubernetes would: the probes (readiness on the admin port, liveness on the
 * public one), scraping on the admin port, resources and hardening the README promises, the Secret
 * by reference, a termination grace period that outlasts the drain, the HPA, PDB and Service aimed
 * at the Deployment's pods, and the Redis that REDIS_URL names. The ConfigMap must pass the proxy's
 * own loadConfig. The kustomization lists every manifest; the NetworkPolicy and the scrape
 * configuration (ServiceMonitor, pod annotations) agree with the Service's ports.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../src/config/load-config.js';
import { DEMO_ACCOUNTS } from '../../dev/emulator/accounts.js';
import { ROOT, deployFiles, readText, readYaml, readYamlDocuments, type Yaml } from './deploy-files.js';

const deployment: Yaml = readYaml('deploy/k8s/deployment.yaml');
const configMap: Yaml = readYaml('deploy/k8s/configmap.yaml');
const secret: Yaml = readYaml('deploy/k8s/secret.example.yaml');
const pod: Yaml = deployment.spec.template.spec;
const containers: Yaml[] = pod.containers;
const proxy: Yaml = containers[0];
const podLabels: Record<string, string> = deployment.spec.template.metadata.labels;
const demoCredentials = JSON.stringify(DEMO_ACCOUNTS.map(({ secretId, secretKey }) => ({ secretId, secretKey })));
const config = loadConfig({ ...configMap.data, PROXY_CREDENTIALS: demoCredentials });
const service: Yaml = readYaml('deploy/k8s/service.yaml');
const redisObjects: Yaml[] = readYamlDocuments('deploy/k8s/redis.yaml');
const redisOf = (kind: string): Yaml => redisObjects.find((o) => o.kind === kind);

/** A container port by its name or number, as a probe or a Service names it. */
function portNumber(container: Yaml, port: string | number): number | undefined {
  return typeof port === 'number' ? port : container.ports.find((p: Yaml) => p.name === port)?.containerPort;
}

function selects(selector: Record<string, string>): boolean {
  return Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => podLabels[key] === value);
}

describe('deployment', () => {
  it('is one proxy container whose pods its own selector picks', () => {
    expect(deployment.kind).toBe('Deployment');
    expect(containers).toHaveLength(1);
    expect(selects(deployment.spec.selector.matchLabels)).toBe(true);
  });

  it('probes liveness on /healthz on the public port, readiness on /readyz on the admin port', () => {
    expect(proxy.livenessProbe.httpGet.path).toBe('/healthz');
    expect(portNumber(proxy, proxy.livenessProbe.httpGet.port)).toBe(config.port);
    expect(proxy.readinessProbe.httpGet.path).toBe('/readyz');
    expect(portNumber(proxy, proxy.readinessProbe.httpGet.port)).toBe(config.admin.port);
    expect(config.admin.port).not.toBe(config.port);
  });

  it('listens for the admin port on the pod address (the kubelet and Prometheus reach it), and has Prometheus scrape it there', () => {
    expect(config.admin.host).toBe('0.0.0.0');
    const annotations: Record<string, string> = deployment.spec.template.metadata.annotations;
    expect(annotations['prometheus.io/scrape']).toBe('true');
    expect(Number(annotations['prometheus.io/port'])).toBe(config.admin.port);
    expect(annotations['prometheus.io/path']).toBe('/metrics');
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
    expect(proxy.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
    });
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

  it('PROXY_HOSTS holds every name of the Service, its short name first among them (the Service port is 80: no port)', () => {
    const service: Yaml = readYaml('deploy/k8s/service.yaml');
    const namespace = readYaml('deploy/k8s/kustomization.yaml').namespace as string;
    const name = service.metadata.name as string;
    const hosts = [...loadConfig({ ...configMap.data, PROXY_CREDENTIALS: demoCredentials }).proxyHosts!];
    expect(service.spec.ports.find((p: Yaml) => p.name === 'http').port).toBe(80);
    for (const host of [
      name,
      `${name}.${namespace}`,
      `${name}.${namespace}.svc`,
      `${name}.${namespace}.svc.cluster.local`,
    ])
      expect(hosts).toContain(host);
  });

  it('names the Redis that redis.yaml runs, for shared replay protection, without a password in it', () => {
    const url = new URL(configMap.data.REDIS_URL);
    expect(url.protocol).toMatch(/^rediss?:$/);
    expect(url.username + url.password).toBe('');
    expect(['open', 'closed']).toContain(configMap.data.REPLAY_STORE_ON_FAILURE);
    // A Service of this namespace by its short name (or its in-cluster name), on its port.
    const [name, namespace] = url.hostname.split('.');
    expect(name).toBe(redisOf('Service').metadata.name);
    if (namespace !== undefined)
      expect(url.hostname).toMatch(new RegExp(`^${name}\\.${namespace}\\.svc(\\.cluster\\.local)?$`));
    expect(Number(url.port)).toBe(redisOf('Service').spec.ports[0].port);
  });

  it('holds only strings (a ConfigMap has no numbers)', () => {
    for (const value of Object.values(configMap.data)) expect(typeof value).toBe('string');
  });
});

describe('service, autoscaler, disruption budget', () => {
  it('the Service sends clients to the pods on their named port; the admin port only as `admin`, for the ServiceMonitor', () => {
    expect(selects(service.spec.selector)).toBe(true);
    expect(proxy.ports.map((p: Yaml) => p.name)).toContain(service.spec.ports[0].targetPort);
    const targetOf = (name: string) =>
      portNumber(proxy, service.spec.ports.find((p: Yaml) => p.name === name).targetPort);
    expect(targetOf('http')).toBe(config.port);
    expect(targetOf('admin')).toBe(config.admin.port);
    for (const port of service.spec.ports)
      if (port.name !== 'admin') expect(portNumber(proxy, port.targetPort)).not.toBe(config.admin.port);
  });

  it('the HPA (autoscaling/v2, on CPU) scales this Deployment by name, from two replicas', () => {
    const hpa: Yaml = readYaml('deploy/k8s/hpa.yaml');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: deployment.metadata.name,
    });
    expect(hpa.spec.metrics.map((m: Yaml) => m.resource?.name)).toContain('cpu');
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
  });

  it("the Deployment starts two replicas, the HPA's floor, so an apply never scales below it", () => {
    const hpa: Yaml = readYaml('deploy/k8s/hpa.yaml');
    expect(deployment.spec.replicas).toBe(2);
    expect(hpa.spec.minReplicas).toBe(deployment.spec.replicas);
  });

  it("the PDB's selector matches the pods' labels", () => {
    const pdb: Yaml = readYaml('deploy/k8s/pdb.yaml');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(selects(pdb.spec.selector.matchLabels)).toBe(true);
  });
});

describe('redis.yaml', () => {
  const redis: Yaml = redisOf('Deployment');
  const redisPod: Yaml = redis.spec.template.spec;
  const container: Yaml = redisPod.containers[0];
  const redisLabels: Record<string, string> = redis.spec.template.metadata.labels;
  const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
    Object.entries(selector).every(([k, v]) => labels[k] === v);

  it('is one Redis Deployment (never two at once), its Service and a NetworkPolicy', () => {
    expect(redisObjects.map((o) => o.kind).sort()).toEqual(['Deployment', 'NetworkPolicy', 'Service']);
    expect(redis.spec.replicas).toBe(1);
    expect(redis.spec.strategy.type).toBe('Recreate');
    expect(matches(redis.spec.selector.matchLabels, redisLabels)).toBe(true);
    expect(matches(redisOf('Service').spec.selector, redisLabels)).toBe(true);
    expect(portNumber(container, redisOf('Service').spec.ports[0].targetPort)).toBe(6379);
  });

  it("is not one of the proxy's pods: neither its Deployment, Service nor disruption budget selects it", () => {
    const pdb: Yaml = readYaml('deploy/k8s/pdb.yaml');
    for (const selector of [
      deployment.spec.selector.matchLabels,
      service.spec.selector,
      pdb.spec.selector.matchLabels,
    ]) {
      expect(matches(selector, redisLabels)).toBe(false);
    }
  });

  it('keeps nothing on disk and evicts nothing (at maxmemory the proxy answers 4400), under its memory limit', () => {
    const args: string[] = container.args;
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect(flag('--save')).toBe('');
    expect(flag('--appendonly')).toBe('no');
    expect(flag('--maxmemory-policy')).toBe('noeviction');
    expect(parseInt(flag('--maxmemory')!, 10)).toBeLessThan(parseInt(container.resources.limits.memory, 10));
  });

  it('runs as non-root, read-only, without capabilities, and is probed', () => {
    expect(redisPod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
    });
    expect(container.securityContext.capabilities.drop).toContain('ALL');
    for (const probe of [container.readinessProbe, container.livenessProbe])
      expect(probe.exec.command).toEqual(['redis-cli', 'ping']);
  });

  it("lets only the proxy's pods reach it", () => {
    const policy: Yaml = redisOf('NetworkPolicy');
    expect(matches(policy.spec.podSelector.matchLabels, redisLabels)).toBe(true);
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
    const from: Yaml[] = policy.spec.ingress.flatMap((rule: Yaml) => rule.from);
    expect(from).toHaveLength(1);
    expect(from[0].podSelector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
  });
});

describe('kustomization, network policy, scraping', () => {
  const kustomization: Yaml = readYaml('deploy/k8s/kustomization.yaml');
  const service: Yaml = readYaml('deploy/k8s/service.yaml');
  const policy: Yaml = readYaml('deploy/k8s/networkpolicy.yaml');
  const monitor: Yaml = readYaml('deploy/k8s/servicemonitor.yaml');
  const manifests = deployFiles()
    .filter((f) => f.startsWith('deploy/k8s/') && f.endsWith('.yaml'))
    .map((f) => f.slice('deploy/k8s/'.length));
  const servicePort = (name: string) => service.spec.ports.find((p: Yaml) => p.name === name);

  it('applies every manifest but the example Secret and the optional ServiceMonitor, into one namespace, with one image to set', () => {
    expect(kustomization.kind).toBe('Kustomization');
    expect(kustomization.namespace).toBe('qcloud-legacy-proxy');
    const optional = ['kustomization.yaml', 'secret.example.yaml', 'servicemonitor.yaml'];
    expect([...kustomization.resources].sort()).toEqual(manifests.filter((f) => !optional.includes(f)).sort());
    expect(readText('deploy/k8s/kustomization.yaml')).toMatch(/^ {2}# - servicemonitor\.yaml$/m);
    expect(kustomization.images).toEqual([{ name: proxy.image.split(':')[0], newTag: proxy.image.split(':')[1] }]);
  });

  it("the NetworkPolicy selects the proxy's pods, admits the proxy's port from the cluster and the admin port from monitoring only", () => {
    expect(policy.apiVersion).toBe('networking.k8s.io/v1');
    expect(selects(policy.spec.podSelector.matchLabels)).toBe(true);
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
    const rules: Yaml[] = policy.spec.ingress;
    const ruleFor = (port: number) => rules.filter((r) => r.ports.some((p: Yaml) => p.port === port));
    const [proxyRule] = ruleFor(Number(configMap.data.PORT));
    expect(proxyRule.from).toEqual([{ namespaceSelector: {} }]);
    const adminRules = ruleFor(servicePort('admin').targetPort);
    expect(adminRules).toHaveLength(1);
    expect(adminRules[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
    ]);
    expect(adminRules[0].ports).toHaveLength(1);
  });

  it('scrapes /metrics on the port named admin (9090): the ServiceMonitor through the Service, annotations on the pods', () => {
    expect(servicePort('admin')).toMatchObject({ port: 9090, targetPort: 9090 });
    expect(monitor.kind).toBe('ServiceMonitor');
    expect(monitor.spec.selector.matchLabels).toEqual(
      Object.fromEntries(Object.keys(service.metadata.labels).map((k) => [k, service.metadata.labels[k]])),
    );
    expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: 'admin', path: '/metrics' })]);
    expect(deployment.spec.template.metadata.annotations).toEqual({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9090',
      'prometheus.io/path': '/metrics',
    });
  });
});

describe.skipIf(!existsSync('/usr/bin/kubectl'))('kubectl kustomize deploy/k8s', () => {
  it("builds: every object in the namespace, the Deployment on the kustomization's image", () => {
    const built = spawnSync('/usr/bin/kubectl', ['kustomize', join(ROOT, 'deploy/k8s')], { encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    const objects: Yaml[] = parseAllDocuments(built.stdout).map((doc) => doc.toJS());
    expect(objects.map((o) => o.kind).sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'Deployment',
      'HorizontalPodAutoscaler',
      'NetworkPolicy',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'Service',
      'Service',
    ]);
    for (const object of objects) expect(object.metadata.namespace, object.kind).toBe('qcloud-legacy-proxy');
    const { images } = readYaml('deploy/k8s/kustomization.yaml');
    const builtDeployment = objects.find(
      (o) => o.kind === 'Deployment' && o.metadata.name === deployment.metadata.name,
    );
    expect(builtDeployment.spec.template.spec.containers[0].image).toBe(`${images[0].name}:${images[0].newTag}`);
  });
});
