import { recordAuditEvent } from '$lib/server/audit';
import type { Database } from '$lib/server/db';
import { hashPassword } from './password';
import { hasActiveAdmin, insertRoleGrant, insertStaffUser } from './users';

/**
 * The demo administrator of an embedded demo install. The password is fixed and published in
 * docs/AUTH.md on purpose: a demo is for trying the product, and a demo install must never hold
 * real data. Production installs create their admin with `npm run admin:create`.
 */
export const demoAdmin = {
	email: 'admin@demo.minping',
	password: 'Minping-Demo-2026!'
} as const;

export interface DemoAdminCredentials {
	email: string;
	password: string;
	/** false when an admin existed already and nothing was changed. */
	created: boolean;
}

/**
 * Creates the demo admin when the database has no enabled admin yet, and returns the credentials
 * for the start-up log. Leaves any existing admin (demo or real) alone, and then reports
 * `created: false` so the log does not advertise a password that may have been changed.
 */
export async function ensureDemoAdmin(db: Database): Promise<DemoAdminCredentials> {
	if (await hasActiveAdmin(db)) return { ...demoAdmin, created: false };
	const passwordHash = await hashPassword(demoAdmin.password);
	const created = await db.transaction(async (tx) => {
		const id = await insertStaffUser(tx, {
			email: demoAdmin.email,
			displayName: 'Demo admin',
			passwordHash
		});
		// The email exists but is not an enabled admin (disabled or role revoked): respect that.
		if (id === null) return false;
		await insertRoleGrant(tx, id, { role: 'admin', regionId: null });
		await recordAuditEvent(tx, {
			action: 'auth.user_create',
			subjectType: 'user',
			subjectId: id,
			details: { kind: 'staff', email: demoAdmin.email, demo: true, roles: ['admin'] }
		});
		return true;
	});
	return { ...demoAdmin, created };
}
