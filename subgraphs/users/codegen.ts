import { centerCodegen } from '@zhongtai/subgraph-kit/codegen';

export default centerCodegen({
  context: '../context.ts#UsersContext',
  mappers: { User: '../db/schema.ts#UserRow', Address: '../db/schema.ts#AddressRow' },
});
