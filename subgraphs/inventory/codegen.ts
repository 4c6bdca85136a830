import { centerCodegen } from '@zhongtai/subgraph-kit/codegen';

export default centerCodegen({
  context: '../context.ts#InventoryContext',
  mappers: {
    Sku: '../models.ts#SkuRef',
    Product: '../models.ts#ProductRef',
    Stock: '../models.ts#StockLevel',
    Reservation: '../models.ts#ReservationModel',
    ReservationLine: '../models.ts#ReservationLineModel',
  },
});
