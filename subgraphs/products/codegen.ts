import { centerCodegen } from '@zhongtai/subgraph-kit/codegen';

export default centerCodegen({
  context: '../context.ts#ProductsContext',
  mappers: {
    Product: '../db/schema.ts#ProductRow',
    Sku: '../db/schema.ts#SkuRow',
    Category: '../db/schema.ts#CategoryRow',
    User: '../models.ts#UserRef',
    ProductConnection: '../models.ts#ProductConnectionModel',
    ProductEdge: '../models.ts#ProductEdgeModel',
  },
});
