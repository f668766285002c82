import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema files and committed; they are applied by the app at start-up.
export default defineConfig({
	schema: './src/lib/server/db/schema/index.ts',
	out: './drizzle',
	dialect: 'postgresql',
	strict: true,
	verbose: true
});
