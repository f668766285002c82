/** Small pieces every jury page action repeats. */
import { fail } from '@sveltejs/kit';
import { todayIn } from '$lib/domain/jury-terms';
import { auditActor } from '$lib/server/auth/actor';
import type { AuthUser } from '$lib/server/auth/types';
import { describeJuryError } from './messages';
import { JuryError, type Actor } from './types';

export function actorOf(locals: { user: AuthUser | null }): Actor {
	return auditActor(locals.user);
}

/** Today's date where the jury serves; terms and expiry are calendar days in China Standard Time. */
export function juryToday(): string {
	return todayIn(new Date());
}

/**
 * Runs a command; a JuryError becomes a 400 with its sentence and whatever the form needs to
 * refill itself (403 when the juror, unit or draw lies outside the organizer's regions). Anything
 * else is a real failure and propagates.
 */
export async function runJuryCommand<T, E extends Record<string, unknown> = Record<never, never>>(
	command: () => Promise<T>,
	echo: E = {} as E
) {
	try {
		return { ok: true as const, value: await command() };
	} catch (error) {
		if (error instanceof JuryError) {
			return {
				ok: false as const,
				failure: fail(error.code === 'out_of_scope' ? 403 : 400, {
					message: describeJuryError(error),
					...echo
				})
			};
		}
		throw error;
	}
}

export function formText(form: FormData, key: string): string {
	const value = form.get(key);
	return typeof value === 'string' ? value.trim() : '';
}
