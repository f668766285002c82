import type { AuthUser } from './types';

/** How the audit trail names a user: the email for staff, the display name for jurors. */
export function auditActor(user: Pick<AuthUser, 'id' | 'email' | 'displayName'> | null) {
	return user ? { id: user.id, label: user.email ?? user.displayName } : null;
}
