import { centerCodegen } from '@zhongtai/subgraph-kit/codegen';

export default centerCodegen({
  context: '../context.ts#ReviewsContext',
  mappers: {
    Review: '../db/schema.ts#ReviewRow',
    Product: '../models.ts#ProductRef',
    User: '../models.ts#UserRef',
    RatingSummary: '../models.ts#RatingSummaryModel',
    ReviewConnection: '../models.ts#ReviewConnectionModel',
    ReviewEdge: '../models.ts#ReviewEdgeModel',
  },
});
