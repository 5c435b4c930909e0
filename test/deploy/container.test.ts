/**
 * The container files, parsed (no Docker engine runs here): deploy/Dockerfile's stages, user,
 * health check and start command, .dockerignore, and deploy/compose.yaml's replicas sharing one
 * Redis behind one nginx port, each with its admin port on loopback.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { dockerfileStages, readText, readYaml, sourceFiles, type Instruction, type Yaml } from './deploy-files.js';

const stages = dockerfileStages(readText('deploy/Dockerfile'));
/** `docker build` without --target builds the last stage. */
const runtime = stages.at(-1)!;
const compose: Yaml = readYaml('deploy/compose.yaml');

function args(instructions: readonly Instruction[], keyword: string): string[] {
  return instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}

describe('Dockerfile', () => {
  it('is multi-stage on a pinned node 20 slim image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.base).toMatch(/^(node:20\.\d+\.\d+-slim|[a-z]+)$/);
    expect(stages.map((s) => s.base)).toContain('node:20.20.2-slim');
  });

  it('installs production dependencies from the lock file, and never the whole devDependencies', () => {
    const deps = stages.find((s) => s.name === 'deps')!;
    expect(args(deps.instructions, 'RUN').some((r) => /^npm ci --omit=dev\b/.test(r))).toBe(true);
    const installs = stages.flatMap((s) => args(s.instructions, 'RUN')).filter((r) => /\bnpm (ci|install)\b/.test(r));
    for (const run of installs.filter((r) => /\bnpm ci\b/.test(r))) expect(run).toContain('--omit=dev');
    // Only named tools besides, at the lock file's versions, never saved into the project.
    for (const run of installs.filter((r) => /\bnpm install\b/.test(r))) {
      expect(run).toMatch(/--no-save --no-package-lock/);
      expect(run).toContain("require('/app/package-lock.json').packages['node_modules/");
    }
  });

  it("builds with npm run build, given only the compiler and Node's types (outside /app)", () => {
    const build = stages.find((s) => s.name === 'build')!;
    expect(build.base).toBe('deps');
    const run = args(build.instructions, 'RUN');
    expect(run).toContain('npm run build');
    const tools = run.find((r) => r.includes('npm install'))!;
    expect(tools).toMatch(/^cd \/ && /);
    expect(tools).toContain("['typescript', '@types/node']");
  });

  it('ships production dependencies and build/ only, with NODE_ENV=production: no dev tool, source or demo key', () => {
    expect(runtime.name).toBe('runtime');
    expect(stages.some((s) => s.name === runtime.base)).toBe(false);
    expect(args(runtime.instructions, 'RUN')).toEqual([]);
    const copies = args(runtime.instructions, 'COPY');
    expect(copies.filter((c) => c.startsWith('--from='))).toEqual([
      '--from=deps /app/node_modules ./node_modules',
      '--from=build /app/build ./build',
    ]);
    expect(copies.filter((c) => !c.startsWith('--from='))).toEqual(['package.json LICENSE ./']);
    expect(args(runtime.instructions, 'ENV')).toContain('NODE_ENV=production');
    // build/ is src/ compiled (tsconfig.build.json), and src/ holds no demo key.
    expect(readText('tsconfig.build.json')).toMatch(/"include": \["src"\]/);
    for (const file of sourceFiles('src')) expect(readText(file), file).not.toMatch(/AKIDDEMO|demoSecretKey/);
  });

  it('names the commit it was built from (GIT_COMMIT), for --version, /healthz and the metric', () => {
    expect(args(runtime.instructions, 'ARG')).toContain('GIT_COMMIT=');
    expect(args(runtime.instructions, 'ENV')).toContain('GIT_COMMIT=${GIT_COMMIT}');
  });

  it('runs as a non-root user', () => {
    const users = args(runtime.instructions, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
  });

  it('checks /healthz with node itself, exposes 8787, 8443 and the admin port 9090, runs the bin in exec form (serve unless told)', () => {
    const [healthcheck] = args(runtime.instructions, 'HEALTHCHECK');
    expect(healthcheck).toMatch(/CMD \["node", "-e", ".*\/healthz/);
    expect(args(runtime.instructions, 'EXPOSE').join(' ').split(/\s+/).sort()).toEqual(['8443', '8787', '9090']);
    const bin = (JSON.parse(readText('package.json')) as { bin: Record<string, string> }).bin['qcloud-legacy-proxy'];
    expect(args(runtime.instructions, 'ENTRYPOINT').map((e) => JSON.parse(e))).toEqual([['node', bin]]);
    expect(args(runtime.instructions, 'CMD').map((c) => JSON.parse(c))).toEqual([['serve']]);
  });

  it('has an emulator target for compose, on the production dependencies and tsx alone, started in exec form', () => {
    const emulator = stages.find((s) => s.name === 'emulator');
    expect(emulator).toBeDefined();
    expect(emulator!.base).toBe('deps');
    expect(args(emulator!.instructions, 'RUN').join('\n')).toContain("packages['node_modules/tsx']");
    expect(JSON.parse(args(emulator!.instructions, 'CMD')[0]!)).toEqual([
      'node',
      '--import',
      'tsx',
      'dev/emulator/main.ts',
    ]);
  });

  it('.dockerignore keeps local builds, dependencies, history and secrets out of the context', () => {
    const ignored = readText('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['.git', 'node_modules', 'build', 'dist', '.dev.vars', '*.env'])
      expect(ignored).toContain(entry);
  });
});

describe('compose', () => {
  const services: Record<string, Yaml> = compose.services;
  const proxies = Object.entries(services).filter(([, s]) => s.build?.target === 'runtime');

  it('runs two proxy replicas sharing one REDIS_URL, which names its Redis service', () => {
    const replicas = proxies.reduce((sum, [, s]) => sum + (s.deploy?.replicas ?? 1), 0);
    expect(replicas).toBeGreaterThanOrEqual(2);
    const urls = new Set(proxies.map(([, s]) => s.environment.REDIS_URL));
    expect(urls.size).toBe(1);
    const redis = new URL([...urls][0]);
    expect(services[redis.hostname]?.image).toMatch(/^(redis|valkey)/);
  });

  it('points the proxies at the emulator service, built from the emulator stage', () => {
    for (const [, proxy] of proxies) {
      const endpoint = new URL(proxy.environment.CVM_ENDPOINT);
      expect(services[endpoint.hostname]?.build?.target).toBe('emulator');
      expect(stages.map((s) => s.name)).toContain('emulator');
      expect(() => loadConfig(proxy.environment)).not.toThrow();
    }
  });

  it('publishes the legacy port once, through nginx to both replicas, and each admin port apart, all on loopback only', () => {
    const published: string[] = Object.values(services).flatMap((s) => s.ports ?? []);
    // The demo keys are public, and the admin pages name every caller.
    for (const port of published) expect(port).toMatch(/^127\.0\.0\.1:/);
    expect(services.gateway.ports).toHaveLength(1);
    const nginx = readText('deploy/nginx.conf');
    for (const [name, proxy] of proxies) expect(nginx).toContain(`server ${name}:${proxy.environment.PORT}`);
    expect(nginx).toContain('proxy_set_header Host $http_host;');
    // Each replica's admin listener on a host port of its own; never one of nginx's.
    const adminPorts = proxies.map(([, proxy]) => {
      const config = loadConfig(proxy.environment);
      expect(config.admin.host).toBe('0.0.0.0');
      expect(proxy.ports).toHaveLength(1);
      const [, hostPort, containerPort] = (proxy.ports[0] as string).split(':');
      expect(Number(containerPort)).toBe(config.admin.port);
      expect(nginx).not.toContain(`:${config.admin.port};`);
      return hostPort;
    });
    expect(new Set(adminPorts).size).toBe(proxies.length);
    expect(published).toHaveLength(proxies.length + 1);
  });

  it('stops a proxy only after its drain', () => {
    for (const [, proxy] of proxies) {
      expect(parseInt(proxy.stop_grace_period, 10) * 1000).toBeGreaterThan(Number(proxy.environment.SHUTDOWN_GRACE_MS));
    }
  });
});
