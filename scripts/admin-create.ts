// `npm run admin:create -- --email E --password P [--name N]`: creates an administrator without
// prompting, for the first start and for provisioning scripts. Uses the same database the app
// does (DATABASE_URL, else the embedded PGlite under DATA_DIR) and applies pending migrations first.
import { parseArgs } from 'node:util';
import { createAdmin } from '../src/lib/server/auth/create-admin';
import { openCliDatabase } from './cli-database';

const problems = {
	too_short: 'the password needs at least 12 characters',
	too_long: 'the password may have at most 256 characters',
	too_simple:
		'the password is too simple: use at least two kinds of characters (a-z, A-Z, 0-9, symbols)',
	contains_email: 'the password must not be mostly the email name'
} as const;

function usage(message: string): never {
	console.error(`admin:create: ${message}`);
	console.error(
		'usage: npm run admin:create -- --email admin@example.org --password <password> [--name <name>]'
	);
	process.exit(64);
}

let values: { email?: string; password?: string; name?: string };
try {
	({ values } = parseArgs({
		options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
		strict: true
	}));
} catch (error) {
	usage((error as Error).message);
}
if (!values.email) usage('--email is required');
if (!values.password) usage('--password is required');

const handle = await openCliDatabase();

const result = await createAdmin(handle.db, {
	email: values.email,
	password: values.password,
	displayName: values.name
});
await handle.close();
if (!result.ok) {
	const why =
		result.reason === 'weak_password'
			? problems[result.problem]
			: result.reason === 'email_taken'
				? `an account with the email ${values.email} already exists`
				: `"${values.email}" is not a valid email address`;
	console.error(`admin:create: ${why}; nothing was created`);
	process.exit(1);
}
console.log(
	`admin:create: administrator ${values.email} created (user ${result.id}) in ${handle.kind} at ${handle.location}`
);
