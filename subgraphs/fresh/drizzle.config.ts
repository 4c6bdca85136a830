import { defineConfig } from 'drizzle-kit';

// Migrations are generated offline from the schema and committed; the center applies them at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
  schemaFilter: ['fresh'],
  casing: 'snake_case',
});
