import { stopOnSignals } from '@zhongtai/subgraph-kit';
import { loadFreshConfig } from './config.ts';
import { createFreshCenter } from './server.ts';

const config = loadFreshConfig();
const center = await createFreshCenter(config);
await center.listen(config.PORT, config.HOST);
stopOnSignals(center.stop, center.logger);
