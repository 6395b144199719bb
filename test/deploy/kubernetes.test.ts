import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config.js';
import {
  loadManifests,
  MANIFEST_DIR,
  type Manifest,
  schemaErrors,
  unknownFields,
} from './kubernetes-schemas.js';

// deploy/kubernetes/: valid for the Kubernetes API (schemas, and no unknown field, as
// `kubectl apply` checks), and holding the deployment's own rules.

const manifests = loadManifests();
const only = (kind: string): Manifest => {
  const found = manifests.filter((m) => m.kind === kind);
  expect(found.map((m) => m.kind)).toEqual([kind]);
  return found[0] as Manifest;
};
const deployment = only('Deployment').body;
const pod = deployment.spec.template;
const container = pod.spec.containers[0];
const configMap = only('ConfigMap').body;

/** A selector picks the pods when each of its labels is on them (and it names at least one). */
const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([name, value]) => labels[name] === value);

/** Peak RSS under load measured by `npm run bench` (bench/README.md: 143–170 MiB). */
const MEASURED_PEAK_MIB = 170;
const mebibytes = (quantity: string) => {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  expect(match, `memory quantity ${quantity} in Mi or Gi`).not.toBeNull();
  return Number(match?.[1]) * (match?.[2] === 'Gi' ? 1024 : 1);
};
const millicores = (quantity: string) =>
  quantity.endsWith('m') ? Number(quantity.slice(0, -1)) : Number(quantity) * 1000;

describe('deploy/kubernetes against the Kubernetes API schemas', () => {
  it('holds exactly a ConfigMap, Deployment, HPA, PDB and Service', () => {
    expect(manifests.map((m) => `${m.file}: ${m.apiVersion}/${m.kind}`)).toEqual([
      'configmap.yaml: v1/ConfigMap',
      'deployment.yaml: apps/v1/Deployment',
      'hpa.yaml: autoscaling/v2/HorizontalPodAutoscaler',
      'pdb.yaml: policy/v1/PodDisruptionBudget',
      'service.yaml: v1/Service',
    ]);
  });

  it.each(manifests.map((m) => [m.file, m] as const))('%s is valid', (_, manifest) => {
    expect(schemaErrors(manifest)).toBe('');
  });

  it('has no field the API does not know (kubectl strict field validation)', () => {
    expect(unknownFields(manifests)).toEqual([]);
  });

  it('the checks catch a misspelt field and a wrong type', () => {
    const bad = structuredClone(only('Deployment'));
    bad.body.spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem = true;
    expect(unknownFields([bad])).toEqual([
      `deployment.yaml (Deployment): Object literal may only specify known properties, and '"readOnlyRootFileSystem"' does not exist in type 'ISecurityContext'.`,
    ]);
    bad.body.spec.template.spec.containers[0].securityContext = {};
    bad.body.spec.replicas = 'two';
    expect(schemaErrors(bad)).toBe('data/spec/replicas must be integer');
    expect(schemaErrors({ ...bad, kind: 'Deploymnt' })).toBe('no schema for apps/v1/Deploymnt');
  });
});

describe('the Deployment', () => {
  it('selects its own pods', () => {
    expect(selects(deployment.spec.selector.matchLabels, pod.metadata.labels)).toBe(true);
    for (const spread of pod.spec.topologySpreadConstraints) {
      expect(selects(spread.labelSelector.matchLabels, pod.metadata.labels)).toBe(true);
    }
  });

  it('serves the gateway’s port as `http` and probes /healthz and /readyz on it', () => {
    expect(pod.spec.containers).toHaveLength(1);
    expect(container.ports).toEqual([{ name: 'http', containerPort: 4000, protocol: 'TCP' }]);
    expect(loadConfig({}).http.port).toBe(4000);
    const probe = (p: { httpGet: unknown }) => p.httpGet;
    expect(probe(container.startupProbe)).toEqual({ path: '/healthz', port: 'http' });
    expect(probe(container.livenessProbe)).toEqual({ path: '/healthz', port: 'http' });
    expect(probe(container.readinessProbe)).toEqual({ path: '/readyz', port: 'http' });
    // /readyz gives the upstream 2 s (src/http/app.ts); the probe waits longer than that
    expect(container.readinessProbe.timeoutSeconds).toBeGreaterThan(2);
  });

  it('runs as the image’s non-root user, read-only, without privileges', () => {
    const user = /^USER (\d+):(\d+)$/m.exec(
      readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8'),
    );
    expect(user?.slice(1).map(Number)).toEqual([1000, 1000]);
    expect(pod.spec.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.spec.automountServiceAccountToken).toBe(false);
  });

  it('requests what the benchmark measured, within its limits', () => {
    const { requests, limits } = container.resources;
    expect(mebibytes(requests.memory)).toBeGreaterThanOrEqual(MEASURED_PEAK_MIB);
    expect(mebibytes(limits.memory)).toBeGreaterThan(mebibytes(requests.memory));
    expect(millicores(requests.cpu)).toBeGreaterThan(0);
    expect(millicores(limits.cpu)).toBeGreaterThanOrEqual(millicores(requests.cpu));
  });

  it('drains before it is killed: preStop pause + SHUTDOWN_GRACE_MS < terminationGracePeriodSeconds', () => {
    const graceMs = loadConfig(configMap.data).http.shutdownGraceMs;
    const pauseMs = container.lifecycle.preStop.sleep.seconds * 1000;
    expect(pauseMs).toBeGreaterThan(0);
    expect(pod.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(pauseMs + graceMs);
  });

  it('reads only variables the gateway knows, and valid values of them', () => {
    const names = [
      ...Object.keys(configMap.data),
      ...container.env.map((e: { name: string }) => e.name),
    ];
    expect(names.filter((n) => !CONFIG_VARIABLES.includes(n))).toEqual([]);
    expect(container.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
    expect(() => loadConfig(configMap.data)).not.toThrow();
    expect(Object.values(configMap.data).every((v) => typeof v === 'string')).toBe(true);
  });

  it('holds no token: the fallback credential and REDIS_URL are optional Secret references', () => {
    expect(container.env).toEqual([
      {
        name: 'MEMBRANE_API_TOKEN',
        valueFrom: {
          secretKeyRef: {
            name: 'membrane-graphql-gateway',
            key: 'MEMBRANE_API_TOKEN',
            optional: true,
          },
        },
      },
      {
        name: 'REDIS_URL',
        valueFrom: {
          secretKeyRef: { name: 'membrane-graphql-gateway', key: 'REDIS_URL', optional: true },
        },
      },
    ]);
    expect(configMap.data).not.toHaveProperty('REDIS_URL');
    expect(configMap.data).not.toHaveProperty('MEMBRANE_API_TOKEN');
    expect(manifests.map((m) => m.kind)).not.toContain('Secret');
  });

  it('names an image with a version tag', () => {
    expect(container.image).toMatch(/^[\w.-]+(\/[\w.-]+)+:\d+\.\d+\.\d+$/);
  });
});

describe('Service, HorizontalPodAutoscaler and PodDisruptionBudget', () => {
  it('the Service sends port 80 to the pods’ `http` port', () => {
    const service = only('Service').body;
    expect(selects(service.spec.selector, pod.metadata.labels)).toBe(true);
    expect(service.spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' },
    ]);
  });

  it('the HPA scales this Deployment on CPU, from two replicas, and owns the replica count', () => {
    const hpa = only('HorizontalPodAutoscaler').body;
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: deployment.metadata.name,
    });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    expect(hpa.spec.metrics.map((m: { resource: { name: string } }) => m.resource.name)).toEqual([
      'cpu',
    ]);
    // a Utilization target needs a CPU request to be a percentage of
    expect(container.resources.requests.cpu).toBeDefined();
    expect(deployment.spec.replicas).toBeUndefined();
  });

  it('the PDB covers the pods and keeps one serving from the HPA’s minimum', () => {
    const pdb = only('PodDisruptionBudget').body;
    const hpa = only('HorizontalPodAutoscaler').body;
    expect(selects(pdb.spec.selector.matchLabels, pod.metadata.labels)).toBe(true);
    expect(hpa.spec.minReplicas - pdb.spec.maxUnavailable).toBeGreaterThanOrEqual(1);
    expect(pdb.spec.unhealthyPodEvictionPolicy).toBe('AlwaysAllow');
  });
});

describe('the optional Redis (deploy/kubernetes/redis/)', () => {
  const redis = loadManifests(`${MANIFEST_DIR}redis/`);
  const redisDeployment = redis.find((m) => m.kind === 'Deployment')?.body;
  const redisService = redis.find((m) => m.kind === 'Service')?.body;

  it('holds a Deployment and a Service, valid for the API', () => {
    expect(redis.map((m) => `${m.file}: ${m.apiVersion}/${m.kind}`)).toEqual([
      'redis.yaml: apps/v1/Deployment',
      'redis.yaml: v1/Service',
    ]);
    expect(redis.map(schemaErrors)).toEqual(['', '']);
    expect(unknownFields(redis)).toEqual([]);
  });

  it('is what REDIS_URL names: the Service of its pods, on 6379, the password from a Secret', () => {
    const redisPod = redisDeployment.spec.template;
    expect(selects(redisService.spec.selector, redisPod.metadata.labels)).toBe(true);
    expect(redisService.spec.ports).toEqual([
      { name: 'redis', port: 6379, targetPort: 'redis', protocol: 'TCP' },
    ]);
    const hint = readFileSync(
      new URL('../../deploy/kubernetes/deployment.yaml', import.meta.url),
      'utf8',
    );
    expect(hint).toContain(`@${redisService.metadata.name}:6379/0`);
    const redisContainer = redisPod.spec.containers[0];
    expect(redisContainer.env).toEqual([
      {
        name: 'REDIS_PASSWORD',
        valueFrom: { secretKeyRef: { name: 'membrane-gateway-redis', key: 'password' } },
      },
    ]);
    expect(redisContainer.args.slice(0, 2)).toEqual(['--requirepass', '$(REDIS_PASSWORD)']);
    expect(redisContainer.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(redisPod.spec.securityContext.runAsNonRoot).toBe(true);
  });
});
