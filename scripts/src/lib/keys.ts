import {
  ANONYMOUS,
  createRequestSigner,
  devServiceKey,
  generateServiceKey,
  ROUTER_SERVICE,
  type ServiceKey,
  serviceKeyText,
  trustedKeyText,
} from '@zhongtai/subgraph-kit';

/**
 * What each process `npm start` launches needs to trust the others: its own development key
 * (SERVICE_KEY) and the public keys of every service (TRUSTED_KEYS). The keys are made once per
 * machine, under node_modules/.cache/zhongtai/keys (never in the repository), before any process
 * starts, so none of them races another to make one. Production configures its own keys instead.
 */
export function devKeyEnv(services: readonly string[]): (service: string) => NodeJS.ProcessEnv {
  return keyEnv(services, (service) => devServiceKey(service));
}

/**
 * Keys made in memory for one run and never written anywhere, as production's are: a service in
 * production mode refuses development keys (`npm run image -- --check` runs it so).
 */
export function runKeyEnv(services: readonly string[]): (service: string) => NodeJS.ProcessEnv {
  return keyEnv(services, () => generateServiceKey());
}

function keyEnv(
  services: readonly string[],
  keyOf: (service: string) => ServiceKey,
): (service: string) => NodeJS.ProcessEnv {
  const keys = new Map<string, ServiceKey>(
    [ROUTER_SERVICE, ...services].map((service) => [service, keyOf(service)]),
  );
  const TRUSTED_KEYS = [...keys].map(([service, key]) => trustedKeyText(service, key)).join(',');
  return (service) => {
    const key = keys.get(service);
    // A job (the seed) signs nothing and is called by no one.
    return key ? { SERVICE_KEY: serviceKeyText(key), TRUSTED_KEYS } : {};
  };
}

/** Headers for one read of the center's /metrics on its public port, signed with the router's development key. */
export function devMetricsHeaders(center: string): Record<string, string> {
  const signer = createRequestSigner({ service: ROUTER_SERVICE, key: devServiceKey(ROUTER_SERVICE) });
  return signer.sign({ identity: ANONYMOUS, audience: center, method: 'GET', body: '' });
}
