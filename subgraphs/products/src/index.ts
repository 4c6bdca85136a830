import { stopOnSignals } from '@zhongtai/subgraph-kit';
import { loadProductsConfig } from './config.ts';
import { createProductsCenter } from './server.ts';

const config = loadProductsConfig();
const center = await createProductsCenter(config);
await center.listen(config.PORT, config.HOST);
stopOnSignals(center.stop, center.logger);
