import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { campaignState } from '$lib/server/db/schema';
import { actionLabel, actionLabels, subjectLabel } from './action-labels';

/** Every .ts file under a folder, tests left out. */
function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sources(path);
		return entry.name.endsWith('.ts') && !entry.name.includes('.test.') ? [path] : [];
	});
}

const areas =
	'auth|region|unit|cadre|jury|campaign|results|outcome|interview|rectification|ranking_group|live|trends|demo';

/** Action keys written as literals anywhere in the server code. */
function literalActions(): string[] {
	const pattern = new RegExp(`'((?:${areas})\\.[a-z_]+)'`, 'g');
	const found = new Set<string>();
	for (const file of sources('src/lib/server')) {
		for (const match of readFileSync(file, 'utf8').matchAll(pattern)) found.add(match[1]);
	}
	return [...found];
}

/** Keys built at run time: `${entity}.import`, `campaign.${to}`, `live.${kind}` ... */
const builtActions = [
	...['region', 'unit', 'cadre'].flatMap((entity) =>
		['create', 'update', 'import', 'archive', 'unarchive'].map((verb) => `${entity}.${verb}`)
	),
	...campaignState.enumValues.filter((state) => state !== 'draft').map((s) => `campaign.${s}`),
	'campaign.paper_accepted',
	'campaign.paper_mismatch',
	'jury.withdrawn',
	'jury.dismissed',
	'jury.review_approve',
	'jury.review_reject',
	'jury.review_request_info',
	...['policy', 'reveal_next', 'freeze', 'unfreeze'].map((kind) => `live.${kind}`),
	...['rehearsal_start', 'rehearsal_add', 'rehearsal_stop'].map((kind) => `live.${kind}`),
	...['open', 'close', 'count_with_jury'].map((kind) => `live.audience_${kind}`),
	'outcome.confirm',
	'outcome.overturn'
];

describe('audit action names', () => {
	it('names every action the app records', () => {
		const literal = literalActions();
		expect(literal.length).toBeGreaterThan(40);
		const unnamed = [...literal, ...builtActions].filter((action) => !(action in actionLabels));
		expect(unnamed).toEqual([]);
	});

	it('words actions and subjects in Chinese, keeping unknown keys as they are', () => {
		expect(actionLabel('campaign.paper_mismatch')).toBe('纸质票复核录入不一致');
		expect(actionLabel('auth.code_revoke')).toBe('作废登录码');
		expect(actionLabel('someone.else')).toBeNull();
		expect(subjectLabel('user')).toBe('账号');
		expect(subjectLabel('widget')).toBe('widget');
	});
});
