import { campaignKinds, type CampaignKind, type SubjectKind } from '$lib/domain/campaign-scale';
import { getTemplate } from '$lib/domain/campaign-templates';
import { m } from '$lib/paraglide/messages';
import type { NewCampaignInput, SubjectInput } from './create';
import type { SubjectChoices } from './choices';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

type Form = { get(name: string): unknown; getAll(name: string): unknown[] };

const text = (form: Form, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
};
const ids = (form: Form, name: string) =>
	form
		.getAll(name)
		.map((v) => Number(v))
		.filter((n) => Number.isSafeInteger(n) && n > 0);

/** `datetime-local` values are China time (UTC+8), where every campaign runs. */
export function parseLocalDateTime(value: string): Date | null | 'invalid' {
	if (value === '') return null;
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return 'invalid';
	const date = new Date(`${value}:00+08:00`);
	return Number.isNaN(date.getTime()) ? 'invalid' : date;
}

/** What the user entered on the new-campaign form, sent back with a refusal to refill it. */
export interface NewCampaignEcho {
	kind: string;
	title: string;
	regionId: string;
	named: boolean;
	testMode: boolean;
	electorateSource: string;
	panelDrawId: string;
	opensAt: string;
	closesAt: string;
	unitIds: number[];
	cadreIds: number[];
	otherSubjects: string;
}

/** Raw values, cut to sizes no valid form exceeds, so a refusal never echoes a flood back. */
export function echoNewCampaign(form: Form): NewCampaignEcho {
	const raw = (name: string, max: number) => {
		const value = form.get(name);
		return typeof value === 'string' ? value.slice(0, max) : '';
	};
	return {
		kind: raw('kind', 64),
		title: raw('title', 400),
		regionId: raw('regionId', 20),
		named: form.get('named') === 'on',
		testMode: form.get('testMode') === 'on',
		electorateSource: raw('electorateSource', 20),
		panelDrawId: raw('panelDrawId', 20),
		opensAt: raw('opensAt', 32),
		closesAt: raw('closesAt', 32),
		unitIds: ids(form, 'unitIds').slice(0, 1000),
		cadreIds: ids(form, 'cadreIds').slice(0, 1000),
		otherSubjects: raw('otherSubjects', 60_000)
	};
}

/** The new-campaign form: a kind, a title, subjects from the reference data or typed in. */
export function parseNewCampaign(
	form: Form,
	choices: SubjectChoices,
	regionRequired = false
): Parsed<NewCampaignInput> {
	const kind = text(form, 'kind') as CampaignKind;
	if (!campaignKinds.includes(kind)) return { ok: false, message: m.campaigns_error_kind() };
	const title = text(form, 'title');
	if (title.length === 0 || title.length > 200)
		return { ok: false, message: m.campaigns_error_title() };
	const regionText = text(form, 'regionId');
	const regionId = regionText === '' ? null : Number(regionText);
	if (
		(regionId === null && regionRequired) ||
		(regionId !== null && !choices.regions.some((r) => r.id === regionId))
	)
		return { ok: false, message: m.campaigns_error_region() };
	const source = text(form, 'electorateSource') || 'codes';
	if (!['codes', 'named', 'jury', 'panel'].includes(source))
		return { ok: false, message: m.campaigns_error_electorate() };
	const panelDrawId = source === 'panel' ? Number(text(form, 'panelDrawId')) : null;
	if (source === 'panel' && !choices.draws.some((d) => d.id === panelDrawId))
		return { ok: false, message: m.campaigns_error_panel() };
	const opensAt = parseLocalDateTime(text(form, 'opensAt'));
	const closesAt = parseLocalDateTime(text(form, 'closesAt'));
	if (
		opensAt === 'invalid' ||
		closesAt === 'invalid' ||
		(opensAt && closesAt && opensAt >= closesAt)
	)
		return { ok: false, message: m.campaigns_error_window() };
	const subjects = parseSubjects(form, kind, choices);
	if (!subjects.ok) return subjects;
	return {
		ok: true,
		value: {
			kind,
			title,
			regionId,
			secret: form.get('named') !== 'on',
			testMode: form.get('testMode') === 'on',
			electorateSource: source as NewCampaignInput['electorateSource'],
			panelDrawId,
			opensAt,
			closesAt,
			subjects: subjects.value
		}
	};
}

function parseSubjects(
	form: Form,
	kind: CampaignKind,
	choices: SubjectChoices
): Parsed<SubjectInput[]> {
	const template = getTemplate(kind);
	const accepts = (k: SubjectKind) => template.subjectKinds.includes(k);
	const subjects: SubjectInput[] = [];
	for (const id of ids(form, 'unitIds')) {
		const unit = choices.units.find((u) => u.id === id);
		const subjectKind: SubjectKind = unit?.kind === 'service_window' ? 'window' : 'unit';
		if (!unit || !accepts(subjectKind)) return { ok: false, message: m.campaigns_error_subjects() };
		subjects.push({ kind: subjectKind, label: unit.name, unitId: unit.id });
	}
	for (const id of ids(form, 'cadreIds')) {
		const cadre = choices.cadres.find((c) => c.id === id);
		if (!cadre || !accepts('cadre')) return { ok: false, message: m.campaigns_error_subjects() };
		// The ballot shows the detail beside the name: the unit tells two 办公室主任 apart.
		const detail = `${cadre.unit} · ${cadre.position}`;
		subjects.push({ kind: 'cadre', label: cadre.name, detail, cadreId: cadre.id });
	}
	const typed = text(form, 'otherSubjects')
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);
	const typedKind = template.subjectKinds.includes('team') ? 'team' : template.subjectKinds[0];
	if (typed.length > 0 && !typedKind) return { ok: false, message: m.campaigns_error_subjects() };
	if (typed.some((line) => line.length > 100))
		return { ok: false, message: m.campaigns_error_subject_name() };
	for (const label of typed) subjects.push({ kind: typedKind, label });
	if (subjects.length > 500) return { ok: false, message: m.campaigns_error_subjects() };
	if (subjects.length === 0 && template.subjectKinds.length > 0)
		return { ok: false, message: m.campaigns_error_no_subjects() };
	return { ok: true, value: subjects };
}
