import { recordAuditEvent } from '../audit';
import type { Database } from '../db';
import { checkPasswordStrength, type PasswordProblem } from './password-rules';
import { hashPassword } from './password';
import { insertRoleGrant, insertStaffUser, normalizeEmail } from './users';

export type CreateAdminResult =
	| { ok: true; id: number }
	| { ok: false; reason: 'email_taken' | 'email_invalid' }
	| { ok: false; reason: 'weak_password'; problem: PasswordProblem };

/**
 * The first administrator, from the command line (`npm run admin:create`). Relative imports only:
 * the script runs under tsx, which does not know SvelteKit's `$lib` alias.
 */
export async function createAdmin(
	db: Database,
	input: { email: string; password: string; displayName?: string }
): Promise<CreateAdminResult> {
	const email = normalizeEmail(input.email);
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { ok: false, reason: 'email_invalid' };
	const problem = checkPasswordStrength(input.password, email);
	if (problem) return { ok: false, reason: 'weak_password', problem };
	const passwordHash = await hashPassword(input.password);
	return db.transaction(async (tx) => {
		const id = await insertStaffUser(tx, {
			email,
			displayName: input.displayName ?? email.split('@')[0],
			passwordHash
		});
		if (id === null) return { ok: false, reason: 'email_taken' } as const;
		await insertRoleGrant(tx, id, { role: 'admin', regionId: null });
		await recordAuditEvent(tx, {
			action: 'auth.user_create',
			subjectType: 'user',
			subjectId: id,
			details: { kind: 'staff', email, roles: ['admin'], via: 'admin:create' }
		});
		return { ok: true, id } as const;
	});
}
