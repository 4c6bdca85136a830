import { centerCodegen } from '@zhongtai/subgraph-kit/codegen';

export default centerCodegen({
  context: '../context.ts#FreshContext',
  mappers: {
    Store: '../db/schema.ts#StoreRow',
    PickupSlot: '../db/schema.ts#PickupSlotRow',
    PickupBooking: '../db/schema.ts#PickupBookingRow',
    FreshStock: '../db/schema.ts#FreshStockRow',
    Product: '../models.ts#ProductRef',
    Sku: '../models.ts#SkuRef',
    Order: '../models.ts#OrderRef',
    StoreConnection: '../models.ts#StoreConnectionModel',
    StoreEdge: '../models.ts#StoreEdgeModel',
    PickupSlotConnection: '../models.ts#PickupSlotConnectionModel',
    PickupSlotEdge: '../models.ts#PickupSlotEdgeModel',
    FreshStockConnection: '../models.ts#FreshStockConnectionModel',
    FreshStockEdge: '../models.ts#FreshStockEdgeModel',
  },
});
