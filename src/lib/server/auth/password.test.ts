import { parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password';

describe('password hashing', () => {
	it('uses argon2id with 19 MiB, 2 passes and 1 lane, and verifies only the right password', async () => {
		const hash = await hashPassword('E2e-Admin-Passw0rd!');
		expect(hash.startsWith('$argon2id$')).toBe(true);
		const options = parseOptions(hash);
		expect([options.memoryCost, options.timeCost, options.parallelism]).toEqual([19456, 2, 1]);
		expect(await verifyPassword(hash, 'E2e-Admin-Passw0rd!')).toBe(true);
		expect(await verifyPassword(hash, 'e2e-admin-passw0rd!')).toBe(false);
	});

	it('salts every hash, so equal passwords hash differently', async () => {
		const [a, b] = await Promise.all([
			hashPassword('same password 1'),
			hashPassword('same password 1')
		]);
		expect(a).not.toBe(b);
	});

	it('treats a damaged stored hash as a wrong password', async () => {
		expect(await verifyPassword('not a hash', 'anything at all')).toBe(false);
		expect(await verifyAgainstDummy('anything at all')).toBe(false);
	});
});
