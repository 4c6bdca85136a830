import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { nextFreePort, registerSubgraph, subgraphFiles } from '@zhongtai/scripts/scaffold';
import { REPO_ROOT } from '@zhongtai/scripts/supergraph';
import { afterAll, describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { generatedFiles, K8S_DIR, writeGenerated } from '../src/generate.ts';
import { TRUSTED_CLIENTS } from '../src/manifests.ts';
import { loadServices, type ServiceSpec } from '../src/services.ts';

type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  // biome-ignore lint/suspicious/noExplicitAny: rendered YAML, checked field by field below
  spec?: any;
  stringData?: Record<string, string>;
};

const overlaysIn = (k8sDir: string) => readdirSync(join(k8sDir, 'overlays')).sort();

function render(dir: string): K8sObject[] {
  const text = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  return parseAllDocuments(text).map((doc) => doc.toJS() as K8sObject);
}

/** Validates an object against the Kubernetes API schema of its apiVersion and kind. */
async function validate(object: K8sObject): Promise<void> {
  const module = (await import(`kubernetes-models/${object.apiVersion}/${object.kind}`)) as Record<
    string,
    new (
      data: unknown,
    ) => { validate(): void }
  >;
  const Model = module[object.kind];
  if (!Model) throw new Error(`no model for ${object.apiVersion} ${object.kind}`);
  new Model(object).validate();
}

const find = (objects: K8sObject[], kind: string, name: string) =>
  objects.find((object) => object.kind === kind && object.metadata.name === name);

/** What every overlay must give each service; returns nothing, fails with the first thing missing. */
function checkService(objects: K8sObject[], service: ServiceSpec) {
  const where = `${service.name}`;
  const deployment = find(objects, 'Deployment', service.name);
  expect(deployment, `${where}: Deployment`).toBeDefined();
  const pod = deployment!.spec.template.spec;
  const [container] = pod.containers;
  expect(container.args).toEqual([service.name]);
  expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
  expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
  expect(container.ports).toEqual([{ name: 'http', containerPort: service.port, protocol: 'TCP' }]);
  expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
  expect(container.resources.limits.memory).toEqual(expect.any(String));
  // preStop, then the process's own drain (10 s at most), inside the grace period.
  const preStop = Number(container.lifecycle.preStop.exec.command.at(-1));
  expect(preStop).toBeGreaterThan(0);
  expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(preStop + 10);
  expect(pod.securityContext.runAsNonRoot).toBe(true);
  const secretName = container.envFrom[0].secretRef.name;
  expect(secretName).toBe(`${service.name}-secrets`);

  const selector = deployment!.spec.selector.matchLabels;
  const svc = find(objects, 'Service', service.name);
  expect(svc?.spec.selector, `${where}: Service`).toEqual(selector);
  expect(svc?.spec.ports[0].port).toBe(service.port);
  const hpa = find(objects, 'HorizontalPodAutoscaler', service.name);
  expect(hpa?.spec.scaleTargetRef, `${where}: HorizontalPodAutoscaler`).toMatchObject({
    kind: 'Deployment',
    name: service.name,
  });
  expect(hpa!.spec.minReplicas).toBeGreaterThanOrEqual(2);
  const pdb = find(objects, 'PodDisruptionBudget', service.name);
  expect(pdb?.spec.selector.matchLabels, `${where}: PodDisruptionBudget`).toEqual(selector);

  const policy = find(objects, 'NetworkPolicy', service.name);
  expect(policy?.spec.podSelector.matchLabels, `${where}: NetworkPolicy`).toEqual(selector);
  const allowed = (
    policy!.spec.ingress as { from?: { podSelector: { matchLabels: Record<string, string> } }[] }[]
  )
    .flatMap((rule) => rule.from ?? [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': '*' } } }])
    .map((peer) => peer.podSelector.matchLabels['app.kubernetes.io/name'])
    .sort();
  expect(allowed).toEqual(service.kind === 'router' ? ['*'] : ['router', ...service.callers].sort());
}

/** Renders every overlay under `k8sDir` and checks it for these services. */
async function checkOverlays(k8sDir: string, services: ServiceSpec[]) {
  for (const overlay of overlaysIn(k8sDir)) {
    const objects = render(join(k8sDir, 'overlays', overlay));
    expect(objects.length).toBeGreaterThan(services.length * 5);
    for (const object of objects) {
      await expect(
        validate(object),
        `${overlay}: ${object.kind} ${object.metadata.name}`,
      ).resolves.toBeUndefined();
      if (object.kind !== 'Namespace') expect(object.metadata.namespace).toBe('zhongtai');
    }
    for (const service of services) checkService(objects, service);
    expect(find(objects, 'NetworkPolicy', 'default-deny-ingress')?.spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
    });
    // The router's ConfigMaps are the generated ones, with the hashed names kustomize gave them.
    const router = find(objects, 'Deployment', 'router')!.spec.template.spec;
    for (const volume of router.volumes.filter((v: { configMap?: unknown }) => v.configMap)) {
      expect(find(objects, 'ConfigMap', volume.configMap.name), volume.name).toBeDefined();
    }
    const secrets = objects.filter((object) => object.kind === 'Secret');
    if (overlay === 'production') expect(secrets).toEqual([]);
    else {
      for (const service of services) {
        const secret = find(objects, 'Secret', `${service.name}-secrets`);
        expect(
          Object.values(secret?.stringData ?? {}).every((value) => value.startsWith('REPLACE-ME-')),
        ).toBe(true);
      }
    }
  }
}

describe('the Kubernetes manifests', () => {
  const services = loadServices();

  test('the generated files are what schema/supergraph.yaml gives (else run `npm run deploy:manifests`)', () => {
    for (const [path, text] of generatedFiles(services)) {
      expect(readFileSync(join(K8S_DIR, path), 'utf8'), path).toBe(text);
    }
    expect(readdirSync(join(K8S_DIR, 'base/services')).sort()).toEqual(
      services.map((service) => `${service.name}.yaml`).sort(),
    );
  });

  test('callers are read from the centers’ code: each center admits the router and the centers that call it', () => {
    const callers = Object.fromEntries(services.map((service) => [service.name, service.callers]));
    expect(callers).toMatchObject({
      users: ['orders'],
      products: ['orders', 'reviews'],
      inventory: ['orders'],
      orders: ['fresh', 'payments'],
      payments: ['orders'],
      reviews: [],
      fresh: [],
    });
  });

  test('every overlay renders, every object is valid for its API schema, and every service has its probes, budget and policy', async () => {
    await checkOverlays(K8S_DIR, services);
  }, 60_000);

  test('the router mounts the supergraph and every client’s trusted documents', () => {
    const objects = render(join(K8S_DIR, 'overlays', 'production'));
    const supergraph = objects.find(
      (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('supergraph-'),
    );
    expect((supergraph as unknown as { data: Record<string, string> }).data['supergraph.graphql']).toBe(
      readFileSync(join(REPO_ROOT, 'schema/supergraph.graphql'), 'utf8'),
    );
    const trusted = objects.find(
      (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('trusted-documents-'),
    );
    expect(Object.keys((trusted as unknown as { data: Record<string, string> }).data).sort()).toEqual(
      TRUSTED_CLIENTS.map((client) => `${client}.json`),
    );
    // Every client folder (one with a manifest; __generated__ holds the typed documents' shared code).
    const clients = readdirSync(join(REPO_ROOT, 'schema/operations')).filter((name) =>
      existsSync(join(REPO_ROOT, 'schema/operations', name, 'persisted-query-manifest.json')),
    );
    expect(clients.sort()).toEqual(TRUSTED_CLIENTS);
  });
});

describe('a scaffolded subgraph', () => {
  // A copy of the repository's schema/ and deploy/k8s, with the real centers linked in, where the
  // scaffold registers a new subgraph.
  const root = mkdtempSync(join(tmpdir(), 'zhongtai-deploy-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('gets its Deployment, probes, budget and NetworkPolicy in every overlay once the manifests are generated', async () => {
    cpSync(join(REPO_ROOT, 'schema'), join(root, 'schema'), { recursive: true });
    cpSync(join(K8S_DIR, 'overlays'), join(root, 'deploy/k8s/overlays'), { recursive: true });
    mkdirSync(join(root, 'subgraphs'));
    for (const service of loadServices().filter((s) => s.kind === 'center')) {
      symlinkSync(join(REPO_ROOT, 'subgraphs', service.name), join(root, 'subgraphs', service.name));
    }
    const port = nextFreePort(root);
    for (const [path, text] of Object.entries(subgraphFiles('loyalty', port))) {
      mkdirSync(dirname(join(root, 'subgraphs/loyalty', path)), { recursive: true });
      writeFileSync(join(root, 'subgraphs/loyalty', path), text);
    }
    registerSubgraph(root, 'loyalty', port);

    const services = loadServices(join(root, 'schema/supergraph.yaml'));
    expect(services.map((service) => service.name)).toContain('loyalty');
    writeGenerated(join(root, 'deploy/k8s'), services);
    await checkOverlays(join(root, 'deploy/k8s'), services);
    const router = render(join(root, 'deploy/k8s/overlays/production')).find(
      (o) => o.kind === 'Deployment' && o.metadata.name === 'router',
    )!;
    const env = router.spec.template.spec.containers[0].env as { name: string; value: string }[];
    expect(env.find((e) => e.name === 'SUBGRAPH_URLS')?.value).toContain(
      `loyalty=http://loyalty:${port}/graphql`,
    );
  }, 60_000);
});
