import type { Identity } from '@zhongtai/subgraph-kit';
import type { PaymentRow } from '../db/schema.ts';

/** A payment is the payer's business only: anyone else gets null, as for a payment that does not exist. */
export const visibleTo = (payment: PaymentRow | null, identity: Identity): PaymentRow | null =>
  payment && identity.userId !== null && payment.payerId === identity.userId ? payment : null;
