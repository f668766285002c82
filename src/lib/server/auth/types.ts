/** Staff roles. A grant may be limited to one region (and everything below it). */
export type Role = 'admin' | 'organizer' | 'leader' | 'auditor';
export const roles: readonly Role[] = ['admin', 'organizer', 'leader', 'auditor'];

export interface RoleGrant {
	role: Role;
	/** null: the whole installation; otherwise this region and the regions below it. */
	regionId: number | null;
}

/** What a request knows about its signed-in user (`event.locals.user`). */
export interface AuthUser {
	id: number;
	email: string | null;
	displayName: string;
	/** Staff sign in with a password; jurors with a one-time invitation code. */
	kind: 'staff' | 'juror';
	roles: RoleGrant[];
}

export interface AuthSession {
	id: string;
	userId: number;
	expiresAt: Date;
}
