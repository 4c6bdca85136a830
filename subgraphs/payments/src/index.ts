import { stopOnSignals } from '@zhongtai/subgraph-kit';
import { loadPaymentsConfig } from './config.ts';
import { createPaymentsCenter } from './server.ts';

const config = loadPaymentsConfig();
const center = await createPaymentsCenter(config);
await center.listen(config.PORT, config.HOST);
stopOnSignals(center.stop, center.logger);
