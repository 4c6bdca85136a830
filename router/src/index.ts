import { createLogger, stopOnSignals } from '@zhongtai/subgraph-kit';
import { loadRouterConfig, type RouterConfig } from './config.ts';
import { createRouter } from './router.ts';

let config: RouterConfig;
try {
  config = loadRouterConfig();
} catch (error) {
  // parseEnv's message already lists every problem; a stack trace would only bury it.
  console.error((error as Error).message);
  process.exit(1);
}
const logger = createLogger('router', config.LOG_LEVEL);
const router = createRouter(config, logger);
stopOnSignals(router.stop, logger);
try {
  const url = await router.listen();
  logger.info(`Router ready at ${url}/graphql`);
} catch (error) {
  logger.fatal({ err: error }, 'the router could not start');
  process.exit(1);
}
