import { ROUTER_NODE_OPTIONS } from '@zhongtai/scripts/runtime';
import { ROUTER_PORT, type ServiceSpec } from './services.ts';

/** A Kubernetes object as kustomize reads it. */
export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
} & Record<string, unknown>;

export const IMAGE = 'zhongtai';
/** The ConfigMaps schema/kustomization.yaml generates (kustomize appends a content hash to each name). */
export const SUPERGRAPH_CONFIGMAP = 'supergraph';
export const TRUSTED_DOCUMENTS_CONFIGMAP = 'trusted-documents';
/** The client folders under schema/operations, one persisted query manifest each. */
export const TRUSTED_CLIENTS = ['fresh', 'mobile', 'web'];

// Stopping: the endpoints controller takes a terminating pod out of its Service while the preStop
// sleep runs, so no new request is sent to it; then SIGTERM, and the process drains what is in
// flight (stopOnSignals gives up after 10 s). 5 + 10 s fits well inside the grace period.
const PRE_STOP_SECONDS = 5;
const GRACE_SECONDS = 30;

const labels = (name: string) => ({
  'app.kubernetes.io/name': name,
  'app.kubernetes.io/part-of': 'zhongtai',
});

/** The head of an object of one service: its kind, name and the service's labels. */
const header = (apiVersion: string, kind: string, name: string, service = name) => ({
  apiVersion,
  kind,
  metadata: { name, labels: labels(service) },
});

/** Where a center listens inside the cluster: its Service, on its own port. */
export const serviceUrl = (service: ServiceSpec) => `http://${service.name}:${service.port}/graphql`;

/** The secret values each service reads, as placeholders: real values are never in this repository. */
export function secretKeys(service: ServiceSpec): string[] {
  // Every service signs its calls with its own key; a center also holds the public keys it trusts.
  const keys = ['SERVICE_KEY'];
  if (service.kind === 'router') keys.push('JWT_SECRET', 'REDIS_URL');
  else keys.push('TRUSTED_KEYS', 'DATABASE_URL');
  if (service.name === 'users') keys.push('JWT_SECRET');
  return keys;
}

/** The service's Secret with placeholder values, for trying the manifests out (overlays/local). */
export function placeholderSecret(service: ServiceSpec): Manifest {
  return {
    ...header('v1', 'Secret', `${service.name}-secrets`, service.name),
    type: 'Opaque',
    stringData: Object.fromEntries(secretKeys(service).map((key) => [key, `REPLACE-ME-${key}`])),
  };
}

function deployment(service: ServiceSpec, services: readonly ServiceSpec[]): Manifest {
  const byName = new Map(services.map((s) => [s.name, s]));
  const subgraphUrls = service.calls.map((name) => `${name}=${serviceUrl(byName.get(name)!)}`).join(',');
  const router = service.kind === 'router';
  const env = [
    { name: 'NODE_ENV', value: 'production' },
    { name: 'HOST', value: '0.0.0.0' },
    { name: 'PORT', value: String(service.port) },
    { name: 'LOG_LEVEL', value: 'info' },
    ...(subgraphUrls ? [{ name: 'SUBGRAPH_URLS', value: subgraphUrls }] : []),
    ...(router
      ? [
          { name: 'SUPERGRAPH_PATH', value: '/etc/zhongtai/supergraph/supergraph.graphql' },
          { name: 'NODE_OPTIONS', value: ROUTER_NODE_OPTIONS },
          // Behind the cluster's ingress, which appends the caller's address to X-Forwarded-For:
          // without it every anonymous caller would share the ingress's address and rate limit.
          { name: 'TRUST_PROXY', value: '1' },
          { name: 'PERSISTED_QUERIES_DIR', value: '/etc/zhongtai/operations' },
        ]
      : [{ name: 'DATABASE_POOL_SIZE', value: '5' }]),
  ];
  const probe = (path: string, periodSeconds: number, failureThreshold: number) => ({
    httpGet: { path, port: 'http' },
    periodSeconds,
    timeoutSeconds: 2,
    failureThreshold,
  });
  const volumes = [
    { name: 'tmp', emptyDir: {} },
    ...(router
      ? [
          { name: 'supergraph', configMap: { name: SUPERGRAPH_CONFIGMAP } },
          {
            name: 'operations',
            configMap: {
              name: TRUSTED_DOCUMENTS_CONFIGMAP,
              items: TRUSTED_CLIENTS.map((client) => ({
                key: `${client}.json`,
                path: `${client}/persisted-query-manifest.json`,
              })),
            },
          },
        ]
      : []),
  ];
  const mounts = [
    { name: 'tmp', mountPath: '/tmp' },
    ...(router
      ? [
          { name: 'supergraph', mountPath: '/etc/zhongtai/supergraph', readOnly: true },
          { name: 'operations', mountPath: '/etc/zhongtai/operations', readOnly: true },
        ]
      : []),
  ];
  return {
    ...header('apps/v1', 'Deployment', service.name),
    // No replica count: the HorizontalPodAutoscaler owns it (a count here would reset it on every apply).
    spec: {
      selector: { matchLabels: labels(service.name) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: labels(service.name) },
        spec: {
          terminationGracePeriodSeconds: GRACE_SECONDS,
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: service.name,
              image: IMAGE,
              args: [service.name],
              ports: [{ name: 'http', containerPort: service.port, protocol: 'TCP' }],
              env,
              envFrom: [{ secretRef: { name: `${service.name}-secrets` } }],
              // Migrations run at start: give a new replica a minute before liveness counts.
              startupProbe: probe('/health', 2, 30),
              readinessProbe: probe('/ready', 5, 2),
              livenessProbe: probe('/health', 10, 3),
              lifecycle: { preStop: { exec: { command: ['sleep', String(PRE_STOP_SECONDS)] } } },
              // Memory from the benches' resident sizes after load (docs/scaling.md): routers 350 to
              // 380 MB with their 32 MB semi-space, centers 110 to 200 MB; room for a burst.
              resources: {
                requests: { cpu: router ? '500m' : '250m', memory: router ? '512Mi' : '256Mi' },
                limits: { memory: router ? '1Gi' : '512Mi' },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: mounts,
            },
          ],
          volumes,
        },
      },
    },
  };
}

function serviceObject(service: ServiceSpec): Manifest {
  return {
    ...header('v1', 'Service', service.name),
    spec: {
      selector: labels(service.name),
      ports: [{ name: 'http', port: service.port, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

function autoscaler(service: ServiceSpec): Manifest {
  return {
    ...header('autoscaling/v2', 'HorizontalPodAutoscaler', service.name),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: service.name },
      minReplicas: 2,
      maxReplicas: 6,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ],
    },
  };
}

function disruptionBudget(service: ServiceSpec): Manifest {
  return {
    ...header('policy/v1', 'PodDisruptionBudget', service.name),
    spec: { maxUnavailable: 1, selector: { matchLabels: labels(service.name) } },
  };
}

/**
 * Who may reach the service: anyone for the router (it is the API), and for a center only the
 * router and the centers whose code calls it. With the namespace's default deny, nothing else can.
 */
function networkPolicy(service: ServiceSpec): Manifest {
  const from =
    service.kind === 'router'
      ? []
      : ['router', ...service.callers].map((name) => ({
          podSelector: { matchLabels: { 'app.kubernetes.io/name': name } },
        }));
  return {
    ...header('networking.k8s.io/v1', 'NetworkPolicy', service.name),
    spec: {
      podSelector: { matchLabels: labels(service.name) },
      policyTypes: ['Ingress'],
      ingress: [{ ...(from.length > 0 ? { from } : {}), ports: [{ port: 'http', protocol: 'TCP' }] }],
    },
  };
}

/**
 * Every object of one service but its Secret: production's are made outside this repository (see
 * deploy/README.md), the local overlay's from `placeholderSecret`.
 */
export function serviceManifests(service: ServiceSpec, services: readonly ServiceSpec[]): Manifest[] {
  return [
    deployment(service, services),
    serviceObject(service),
    autoscaler(service),
    disruptionBudget(service),
    networkPolicy(service),
  ];
}

/**
 * A database or Redis run outside these manifests (a managed service, or an operator such as
 * CloudNativePG in its own namespace), named inside the namespace so that connection strings say
 * `postgres:5432` and an overlay only changes where the name points.
 */
function external(name: string, host: string): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: { 'app.kubernetes.io/part-of': 'zhongtai' } },
    spec: { type: 'ExternalName', externalName: host },
  };
}

/**
 * Objects shared by all services: the external PostgreSQL and Redis, and a default deny, so ingress
 * to every pod is refused unless a service's own policy lets it in.
 */
export function sharedManifests(): Manifest[] {
  return [
    external('postgres', 'postgres.example.invalid'),
    external('redis', 'redis.example.invalid'),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny-ingress', labels: { 'app.kubernetes.io/part-of': 'zhongtai' } },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    },
  ];
}

export { ROUTER_PORT };
