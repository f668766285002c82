import type { AuthUser } from '$lib/server/auth/types';

/**
 * Whether the user may change results (publish, review outcomes, track rectification): organizers
 * and admins. Leaders read. The route guard enforces the same for every POST; pages use this only
 * to avoid showing forms that would be refused.
 */
export function canEditResults(user: Pick<AuthUser, 'roles'> | null): boolean {
	return user?.roles.some((grant) => grant.role === 'organizer' || grant.role === 'admin') ?? false;
}
