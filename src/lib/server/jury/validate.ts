/**
 * Parsers for jury input: everything is `unknown` until narrowed here. Field errors are codes; the
 * pages turn them into sentences in the reader's language.
 */
import { isJurorCategory, type JurorCategory } from '$lib/domain/jury-composition';
import { parseRowId } from '$lib/server/db/ids';

export type FieldError =
	'required' | 'too_long' | 'phone_format' | 'unknown_category' | 'consent_required' | 'bad_number';

export type Parsed<T, F extends string> =
	{ ok: true; value: T } | { ok: false; errors: Partial<Record<F, FieldError>> };

export interface ApplicationInput {
	name: string;
	phone: string;
	regionId: number;
	category: JurorCategory;
	employerName: string | null;
}

/** Names of categories as people write them in spreadsheets, besides the codes themselves. */
const categoryAliases: Record<string, JurorCategory> = {
	企业职工: 'enterprise_staff',
	企业人员: 'enterprise_staff',
	个体工商户: 'individual_business',
	普通市民代表: 'citizen_representative',
	市民代表: 'citizen_representative',
	党代表: 'party_congress_delegate',
	人大代表: 'npc_deputy',
	政协委员: 'cppcc_member',
	其他: 'other'
};

export function parseCategory(value: unknown): JurorCategory | null {
	const text = typeof value === 'string' ? value.trim() : '';
	if (isJurorCategory(text)) return text;
	return categoryAliases[text] ?? null;
}

/**
 * Mainland mobile numbers: 11 digits starting 1[3-9]. Spaces, dashes and a +86 / 86 prefix are
 * dropped first, so the same phone typed two ways is detected as the same person.
 */
export function normalizePhone(value: unknown): string | null {
	if (typeof value !== 'string' && typeof value !== 'number') return null;
	let digits = String(value).replace(/[\s\-()]/g, '');
	if (digits.startsWith('+86')) digits = digits.slice(3);
	else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
	return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** A row id from a form field or route parameter (see parseRowId), else null. */
export function positiveInt(value: unknown): number | null {
	return parseRowId(text(value));
}

type ApplicationField = 'name' | 'phone' | 'regionId' | 'category' | 'employerName' | 'consent';

/** The public self-nomination form (and the shared part of a staff recommendation). */
export function parseApplication(
	input: Record<string, unknown>,
	options: { requireConsent: boolean }
): Parsed<ApplicationInput, ApplicationField> {
	const errors: Partial<Record<ApplicationField, FieldError>> = {};
	const name = text(input.name);
	if (!name) errors.name = 'required';
	else if (name.length > 40) errors.name = 'too_long';
	const phone = normalizePhone(input.phone);
	if (!text(input.phone)) errors.phone = 'required';
	else if (!phone) errors.phone = 'phone_format';
	const regionId = positiveInt(input.regionId);
	if (!regionId) errors.regionId = 'required';
	const category = parseCategory(input.category);
	if (!text(input.category)) errors.category = 'required';
	else if (!category) errors.category = 'unknown_category';
	const employerName = text(input.employerName) || null;
	if (employerName && employerName.length > 100) errors.employerName = 'too_long';
	if (options.requireConsent && input.consent !== 'yes') errors.consent = 'consent_required';
	if (Object.keys(errors).length > 0 || !phone || !regionId || !category) {
		return { ok: false, errors };
	}
	return { ok: true, value: { name, phone, regionId, category, employerName } };
}

export interface RecommendationInput extends ApplicationInput {
	recommender: string;
	employerUnitId: number | null;
}

type RecommendationField = ApplicationField | 'recommender' | 'employerUnitId';

export function parseRecommendation(
	input: Record<string, unknown>
): Parsed<RecommendationInput, RecommendationField> {
	const base = parseApplication(input, { requireConsent: false });
	const errors: Partial<Record<RecommendationField, FieldError>> = base.ok
		? {}
		: { ...base.errors };
	const recommender = text(input.recommender);
	if (!recommender) errors.recommender = 'required';
	else if (recommender.length > 100) errors.recommender = 'too_long';
	const rawUnit = text(input.employerUnitId);
	const employerUnitId = rawUnit ? positiveInt(rawUnit) : null;
	if (rawUnit && !employerUnitId) errors.employerUnitId = 'bad_number';
	if (!base.ok || Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: { ...base.value, recommender, employerUnitId } };
}

/** A reason for a status change or a rejection: required, one paragraph at most. */
export function parseReason(value: unknown): string | null {
	const reason = text(value);
	return reason && reason.length <= 500 ? reason : null;
}
