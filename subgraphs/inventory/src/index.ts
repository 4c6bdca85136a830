import { stopOnSignals } from '@zhongtai/subgraph-kit';
import { loadInventoryConfig } from './config.ts';
import { createInventoryCenter } from './server.ts';

const config = loadInventoryConfig();
const center = await createInventoryCenter(config);
await center.listen(config.PORT, config.HOST);
stopOnSignals(center.stop, center.logger);
