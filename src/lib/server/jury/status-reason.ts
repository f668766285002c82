/**
 * Why a juror's status changed, as stored in `juror_status_change.reason`. Changes the app makes
 * on its own (a self-nomination, a recommendation, approval, appointment, renewal, expiry) store a
 * fixed code, and the pages word it in the reader's language; withdrawals, dismissals and
 * rejections store the sentence staff typed. The code is told apart from typed text by the
 * transition, never by the text alone: a typed reason only ever ends a membership or an
 * application, and no code does.
 *
 * Rows written before the codes existed hold English phrases ("recommended by 洙西区总工会",
 * "appointed", "term ended"); they are read as the same codes.
 */
import type { JurorStatus } from '$lib/server/db/schema';

export const statusReasonCodes = [
	'self_nominated',
	'recommended',
	'application_approved',
	'appointed',
	'term_renewed',
	'term_ended'
] as const;
export type StatusReasonCode = (typeof statusReasonCodes)[number];

/** The stored form of a code; a recommendation keeps the recommending organization after a colon. */
export function statusReason(code: StatusReasonCode, recommender?: string | null): string {
	return code === 'recommended' && recommender ? `${code}:${recommender}` : code;
}

export type DescribedReason =
	| { kind: 'code'; code: StatusReasonCode; recommender: string | null }
	| { kind: 'text'; text: string };

const legacyPhrases: Record<string, StatusReasonCode> = {
	'self-nomination': 'self_nominated',
	'application approved': 'application_approved',
	appointed: 'appointed',
	'term renewed': 'term_renewed',
	'term ended': 'term_ended'
};

/** Transitions whose reason is whatever staff typed. */
const typedReasonTargets: readonly JurorStatus[] = ['withdrawn', 'dismissed', 'rejected'];

export function parseStatusReason(to: JurorStatus, stored: string): DescribedReason {
	if (typedReasonTargets.includes(to)) return { kind: 'text', text: stored };
	const code = (statusReasonCodes as readonly string[]).includes(stored)
		? (stored as StatusReasonCode)
		: legacyPhrases[stored];
	if (code) return { kind: 'code', code, recommender: null };
	for (const prefix of ['recommended:', 'recommended by ']) {
		if (stored.startsWith(prefix)) {
			const recommender = stored.slice(prefix.length).trim();
			return { kind: 'code', code: 'recommended', recommender: recommender || null };
		}
	}
	return { kind: 'text', text: stored };
}
