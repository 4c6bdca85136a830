import { stopOnSignals } from '@zhongtai/subgraph-kit';
import { loadReviewsConfig } from './config.ts';
import { createReviewsCenter } from './server.ts';

const config = loadReviewsConfig();
const center = await createReviewsCenter(config);
await center.listen(config.PORT, config.HOST);
stopOnSignals(center.stop, center.logger);
