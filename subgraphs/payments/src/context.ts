import type { BaseCenterContext, CenterClient } from '@zhongtai/subgraph-kit';
import type { PaymentsSchema } from './db/index.ts';
import type { PaymentsLoaders } from './loaders.ts';
import type { PaymentProvider } from './provider.ts';

export interface PaymentsContext extends BaseCenterContext<PaymentsSchema> {
  loaders: PaymentsLoaders;
  /** The Transaction Center: reads the order to pay and marks it paid. */
  orders: CenterClient;
  /** Where money is taken and given back. */
  provider: PaymentProvider;
}
