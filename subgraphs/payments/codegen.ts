import { centerCodegen } from '@zhongtai/subgraph-kit/codegen';

export default centerCodegen({
  context: '../context.ts#PaymentsContext',
  mappers: {
    Payment: '../db/schema.ts#PaymentRow',
    Order: '../models.ts#OrderRef',
  },
});
