import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the parameters the Copenhagen Book and lucia-auth.com recommend (OWASP's minimum):
 * 19 MiB of memory, 2 iterations, 1 lane, a 32-byte tag. @node-rs/argon2 uses argon2id by default
 * and writes the parameters into the PHC string, so raising them later still verifies old hashes.
 */
const options = { memoryCost: 19_456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		// A malformed stored hash must read as "wrong password", never as a way in or a 500.
		return false;
	}
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check for an email that has no account, so response times do not
 * tell which emails exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummyHash ??= hashPassword('minping-no-such-account-dummy');
	await verifyPassword(await dummyHash, password);
	return false;
}
