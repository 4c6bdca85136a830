import { centerCodegen } from '@zhongtai/subgraph-kit/codegen';

export default centerCodegen({
  context: '../context.ts#OrdersContext',
  mappers: {
    Order: '../db/schema.ts#OrderRow',
    OrderLine: '../db/schema.ts#OrderLineRow',
    CartLine: '../db/schema.ts#CartLineRow',
    Cart: '../models.ts#CartModel',
    User: '../models.ts#UserRef',
    Review: '../models.ts#ReviewRef',
    OrderConnection: '../models.ts#OrderConnectionModel',
    OrderEdge: '../models.ts#OrderEdgeModel',
  },
});
