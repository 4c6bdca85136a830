import { stopOnSignals } from '@zhongtai/subgraph-kit';
import { loadOrdersConfig } from './config.ts';
import { createOrdersCenter } from './server.ts';

const config = loadOrdersConfig();
const center = await createOrdersCenter(config);
await center.listen(config.PORT, config.HOST);
stopOnSignals(center.stop, center.logger);
