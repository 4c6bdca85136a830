import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';

export { schema };
export type FreshSchema = typeof schema;
export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
