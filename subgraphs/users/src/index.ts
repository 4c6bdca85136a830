import { stopOnSignals } from '@zhongtai/subgraph-kit';
import { loadUsersConfig } from './config.ts';
import { createUsersCenter } from './server.ts';

const config = loadUsersConfig();
const center = await createUsersCenter(config);
await center.listen(config.PORT, config.HOST);
stopOnSignals(center.stop, center.logger);
