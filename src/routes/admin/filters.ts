/**
 * The query parameters of the account list (`/admin`) and the audit trail (`/admin/audit`), read
 * into filters. Pure: the pages answer 400 with the message when a parameter cannot be used, so a
 * mistyped date never silently shows the whole trail.
 */
import { m } from '$lib/paraglide/messages';
import type { AuditFilter, UserListFilter, UserListRole } from '$lib/server/auth/admin-queries';

export const userListRoles: readonly UserListRole[] = [
	'staff',
	'juror',
	'admin',
	'organizer',
	'leader',
	'auditor'
];

type Parsed<F, E> = { ok: true; filter: F; echo: E } | { ok: false; message: string };

function pageOf(params: URLSearchParams): number {
	const requested = Number(params.get('page') ?? '1');
	return Number.isSafeInteger(requested) && requested > 0 ? requested : 1;
}

function textOf(params: URLSearchParams, key: string): string {
	return (params.get(key) ?? '').trim();
}

export interface UserListEcho {
	q: string;
	role: string;
}

export function parseUserFilter(params: URLSearchParams): Parsed<UserListFilter, UserListEcho> {
	const q = textOf(params, 'q');
	const role = textOf(params, 'role');
	if (q.length > 100) return { ok: false, message: m.admin_filter_too_long({ max: 100 }) };
	if (role && !(userListRoles as readonly string[]).includes(role)) {
		return { ok: false, message: m.admin_filter_bad_role() };
	}
	return {
		ok: true,
		filter: {
			q: q || undefined,
			role: (role || undefined) as UserListRole | undefined,
			page: pageOf(params)
		},
		echo: { q, role }
	};
}

export interface AuditEcho {
	actor: string;
	action: string;
	subjectType: string;
	subjectId: string;
	from: string;
	to: string;
}

/** China Standard Time has no daylight saving: a calendar day there starts at 16:00 UTC before. */
const CST_OFFSET_MS = 8 * 3600 * 1000;

/** The instant a 'YYYY-MM-DD' day starts in China Standard Time, or null for anything else. */
export function startOfDayCst(day: string): Date | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
	if (!match) return null;
	const [year, month, date] = match.slice(1).map(Number);
	const utc = Date.UTC(year, month - 1, date);
	const check = new Date(utc);
	if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return null;
	return new Date(utc - CST_OFFSET_MS);
}

export function parseAuditFilter(params: URLSearchParams): Parsed<AuditFilter, AuditEcho> & {
	page?: number;
} {
	const echo: AuditEcho = {
		actor: textOf(params, 'actor'),
		action: textOf(params, 'action'),
		subjectType: textOf(params, 'subjectType'),
		subjectId: textOf(params, 'subjectId'),
		from: textOf(params, 'from'),
		to: textOf(params, 'to')
	};
	if (echo.actor.length > 200 || echo.subjectId.length > 50) {
		return {
			ok: false,
			message: m.admin_filter_too_long({ max: echo.actor.length > 200 ? 200 : 50 })
		};
	}
	if (echo.action && !/^[a-z_]+\.[a-z_]*$/.test(echo.action)) {
		return { ok: false, message: m.admin_filter_bad_action() };
	}
	if (echo.subjectType && !/^[a-z_]{1,40}$/.test(echo.subjectType)) {
		return { ok: false, message: m.admin_filter_bad_subject() };
	}
	const from = echo.from ? startOfDayCst(echo.from) : undefined;
	const toStart = echo.to ? startOfDayCst(echo.to) : undefined;
	if (from === null || toStart === null) return { ok: false, message: m.admin_filter_bad_date() };
	// The last day counts whole: events before the next day starts.
	const until = toStart ? new Date(toStart.getTime() + 24 * 3600 * 1000) : undefined;
	if (from && until && from >= until) return { ok: false, message: m.admin_filter_date_order() };
	return {
		ok: true,
		filter: {
			actor: echo.actor || undefined,
			action: echo.action || undefined,
			subjectType: echo.subjectType || undefined,
			subjectId: echo.subjectId || undefined,
			from,
			until
		},
		echo,
		page: pageOf(params)
	};
}

/** The same filters on another page (links that work without JavaScript). */
export function pageHref(params: URLSearchParams, page: number): string {
	const next = new URLSearchParams([...params].filter(([key, value]) => key !== 'page' && value));
	next.set('page', String(page));
	return `?${next.toString()}`;
}
