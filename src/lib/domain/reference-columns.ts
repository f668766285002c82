/**
 * The columns of the reference-data spreadsheets (regions, units, cadres) and the words accepted in
 * their enum cells. Pure and client-safe: the import page, the exporter and the validator share it.
 * Headers are accepted in Chinese or English; exports write the user's language, so an exported
 * file re-imports in either.
 */

export const referenceEntities = ['region', 'unit', 'cadre'] as const;
export type ReferenceEntity = (typeof referenceEntities)[number];

export interface ReferenceColumn {
	/** The English header and the form field name (snake_case). */
	key: string;
	/** The Chinese header. */
	zh: string;
	required: boolean;
	/** Longest accepted text. */
	maxLength: number;
}

const column = (key: string, zh: string, required: boolean, maxLength = 100) => ({
	key,
	zh,
	required,
	maxLength
});

export const referenceColumns: Record<ReferenceEntity, readonly ReferenceColumn[]> = {
	region: [
		column('code', '代码', true, 50),
		column('name', '名称', true),
		column('level', '层级', true),
		column('parent_code', '上级代码', false, 50)
	],
	unit: [
		column('code', '代码', true, 50),
		column('name', '名称', true),
		column('kind', '类型', true),
		column('region_code', '所属区划代码', true, 50),
		column('parent_unit_code', '所属单位代码', false, 50)
	],
	cadre: [
		column('code', '工号', true, 50),
		column('name', '姓名', true),
		column('unit_code', '单位代码', true, 50),
		column('position', '职务', true),
		column('level', '级别', true),
		column('mid_level', '中层', false),
		column('heads_unit', '主要负责人', false),
		column('birth_month', '出生年月', false),
		column('appointed_on', '任职时间', false)
	]
};

export type HeaderLanguage = 'zh' | 'en';

export function columnHeader(col: ReferenceColumn, language: HeaderLanguage): string {
	return language === 'zh' ? col.zh : col.key;
}

/** "Parent code", "parent_code", " 上级代码 " all compare equal. */
export function normalizeHeader(header: string): string {
	return header.toLowerCase().replace(/[\s_\-*（）()]/g, '');
}

/** Which column a header names, or undefined when it names none of this entity's columns. */
export function findColumn(entity: ReferenceEntity, header: string): ReferenceColumn | undefined {
	const wanted = normalizeHeader(header);
	return referenceColumns[entity].find(
		(col) => normalizeHeader(col.key) === wanted || normalizeHeader(col.zh) === wanted
	);
}

/** Accepted spellings of each enum value; the first Chinese one is what a Chinese export writes. */
export const regionLevelWords = {
	province: ['省', '省级'],
	city: ['市', '地级市', '市级'],
	district: ['区县', '区', '县', '县级', '县区', 'county'],
	township: ['乡镇', '街道', '乡', '镇']
} as const;

export const unitKindWords = {
	department: ['部门'],
	law_enforcement: ['执法机关', '执法部门', 'law enforcement'],
	service_window: ['服务窗口', '窗口', 'window', 'service window']
} as const;

/**
 * The model keeps two cadre levels (schema enum cadre_level: county, section). Rosters write the
 * rank with 正/副 (正处级, 副科级, 正县级 ...); both map to their level and the 正/副 distinction is
 * not kept (README, reference data: put it in the position if it matters).
 */
export const cadreLevelWords = {
	county: ['处级', '县处级', '正处级', '副处级', '正县级', '副县级', '正处', '副处', '县级'],
	section: ['科级', '乡科级', '正科级', '副科级', '正乡科级', '副乡科级', '正科', '副科']
} as const;

export const booleanWords = {
	yes: ['是', 'yes', 'y', 'true', '1'],
	no: ['否', 'no', 'n', 'false', '0']
} as const;

export type RegionLevel = keyof typeof regionLevelWords;
export type UnitKind = keyof typeof unitKindWords;
export type CadreLevel = keyof typeof cadreLevelWords;

export const regionLevels = Object.keys(regionLevelWords) as RegionLevel[];
export const unitKinds = Object.keys(unitKindWords) as UnitKind[];
export const cadreLevels = Object.keys(cadreLevelWords) as CadreLevel[];

/** The enum value a cell names (by its English value or any accepted word), else undefined. */
export function matchWord<K extends string>(
	words: Record<K, readonly string[]>,
	cell: string
): K | undefined {
	const wanted = cell.trim().toLowerCase();
	for (const [value, spellings] of Object.entries(words) as [K, readonly string[]][]) {
		if (value === wanted || spellings.some((word) => word.toLowerCase() === wanted)) return value;
	}
	return undefined;
}

/** How an export writes an enum value: its first Chinese word, or the English value itself. */
export function wordFor<K extends string>(
	words: Record<K, readonly string[]>,
	value: K,
	language: HeaderLanguage
): string {
	return language === 'zh' ? words[value][0] : value;
}

/** The level directly above; a region's parent must be exactly this. */
export function parentLevelOf(level: RegionLevel): RegionLevel | null {
	const index = regionLevels.indexOf(level);
	return index > 0 ? regionLevels[index - 1] : null;
}
