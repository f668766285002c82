import { describe, expect, it } from 'vitest';
import type { SubjectChoices } from './choices';
import { echoNewCampaign, parseNewCampaign } from './validate';

const choices: SubjectChoices = {
	regions: [{ id: 3, name: '东区' }],
	units: [{ id: 7, name: '市税务局', kind: 'department' }],
	cadres: [
		{ id: 11, name: '张三', unit: '市税务局', position: '办公室主任', midLevel: true },
		{ id: 12, name: '李四', unit: '市医保局', position: '办公室主任', midLevel: true }
	],
	draws: []
};

function formOf(entries: [string, string][]): FormData {
	const form = new FormData();
	for (const [name, value] of entries) form.append(name, value);
	return form;
}

describe('the new-campaign form', () => {
	it('stores a cadre with their unit and position, so two 办公室主任 are told apart', () => {
		const parsed = parseNewCampaign(
			formOf([
				['kind', 'top_bottom_ten'],
				['title', '2026 十佳十差'],
				['cadreIds', '11'],
				['cadreIds', '12']
			]),
			choices
		);
		if (!parsed.ok) throw new Error(parsed.message);
		const cadres = parsed.value.subjects.filter((s) => s.kind === 'cadre');
		expect(cadres.map((s) => [s.label, s.detail])).toEqual([
			['张三', '市税务局 · 办公室主任'],
			['李四', '市医保局 · 办公室主任']
		]);
	});

	it('echoes back everything entered, ticked units and cadres included, cut to sane sizes', () => {
		const form = formOf([
			['kind', 'top_bottom_ten'],
			['title', '标题'],
			['regionId', '3'],
			['named', 'on'],
			['testMode', 'on'],
			['electorateSource', 'panel'],
			['panelDrawId', '9'],
			['opensAt', '2026-12-01T09:00'],
			['closesAt', '2026-12-01T08:00'],
			['unitIds', '7'],
			['cadreIds', '11'],
			['cadreIds', 'x'],
			['otherSubjects', 'A'.repeat(70_000)]
		]);
		const echo = echoNewCampaign(form);
		expect(echo).toMatchObject({
			kind: 'top_bottom_ten',
			title: '标题',
			regionId: '3',
			named: true,
			testMode: true,
			electorateSource: 'panel',
			panelDrawId: '9',
			opensAt: '2026-12-01T09:00',
			closesAt: '2026-12-01T08:00',
			unitIds: [7],
			cadreIds: [11]
		});
		expect(echo.otherSubjects).toHaveLength(60_000);
		expect(parseNewCampaign(form, choices).ok).toBe(false);
	});
});
