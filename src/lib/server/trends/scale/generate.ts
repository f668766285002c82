/**
 * The scale dataset (`npm run seed:scale`), the pure part: a fictional province of cities and
 * districts, one satisfaction survey per district and year, and every ballot of those surveys, all
 * from a seed. Same seed and sizes, same data: region names, ballot ids and answers included.
 * Nothing here touches a database (seed.ts writes what this produces).
 */
import { getTemplate, scales } from '$lib/domain/campaign-templates';

export interface ScalePlanOptions {
	/** Ballots in all (one per respondent and survey). */
	ballots: number;
	districts: number;
	years: number;
	/** The first year; the surveys run `firstYear` … `firstYear + years - 1`. */
	firstYear: number;
	seed: number;
}

export const defaultScaleOptions: ScalePlanOptions = {
	ballots: 20_000_000,
	districts: 300,
	years: 10,
	firstYear: 2016,
	seed: 8
};

/** Every survey gets at least this many ballots, far above the results' minimum-N suppression. */
export const minBallotsPerSurvey = 30;
/** Districts per city: 300 districts make 20 cities, as in a mid-sized province. */
export const districtsPerCity = 15;
export const maxDistricts = 99 * districtsPerCity;

/** The scale province's code; cities are 98CC00 and districts 98CCDD. */
export const scaleProvinceCode = '980000';
export const scaleProvinceName = '岱南省';

/**
 * The survey's questions: all of the satisfaction survey template's (组织工作总体评价, 组工干部形象,
 * 干部选拔任用, 防止和纠正用人上不正之风), each answered on the template's six-option scale.
 * Publication turns them into trend values (results/indicators.ts).
 */
export const surveyQuestions = getTemplate('satisfaction_survey').questions.map((q) => ({
	key: q.key
}));

/** The answer options, in the template's order (很满意 … 不满意, 不了解). */
export const optionKeys = scales.satisfied6.map((option) => option.key);
/** The options a satisfied rate counts (results' 'satisfied' set) and the one left out (不了解). */
export const satisfiedKeys = ['very_satisfied', 'satisfied', 'basically_satisfied'];
export const excludedKeys = scales.satisfied6.filter((o) => o.excluded).map((o) => o.key);

export interface PlannedRegion {
	code: string;
	name: string;
	/** Index of the parent city in `cities` (districts only). */
	city?: number;
}

export interface RegionPlan {
	province: PlannedRegion;
	cities: PlannedRegion[];
	districts: (PlannedRegion & { city: number })[];
}

// prettier-ignore
const cityStems = [
	'临川', '安澜', '白河', '宁远', '清源', '云台', '松阳', '桐川', '鹤州', '凤鸣',
	'金陵', '玉泉', '青岚', '石门', '长汀', '溪口', '南屏', '北固', '东篱', '西岭',
	'丹霞', '碧水', '平湖', '嘉禾', '泰和', '永宁', '新野', '广陵', '富春', '兴安'
];
// prettier-ignore
const districtFirsts = [
	'东', '西', '南', '北', '安', '平', '永', '新', '长', '广',
	'福', '兴', '宁', '富', '康', '泰', '和', '丰', '清', '青'
];
// prettier-ignore
const districtSeconds = [
	'城', '山', '湖', '河', '江', '阳', '林', '台', '源', '川', '桥', '溪', '峰', '田', '坪', '岗'
];

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Province, cities (15 districts each, the last one fewer) and districts, with unique codes. */
export function planRegions(districts: number): RegionPlan {
	if (!Number.isInteger(districts) || districts < 1 || districts > maxDistricts) {
		throw new RangeError(`districts must be a whole number from 1 to ${maxDistricts}`);
	}
	const cityCount = Math.ceil(districts / districtsPerCity);
	const cities = Array.from({ length: cityCount }, (_, c) => ({
		code: `98${pad2(c + 1)}00`,
		name: `${cityStems[c % cityStems.length]}${c >= cityStems.length ? Math.floor(c / cityStems.length) + 1 : ''}市`
	}));
	const combos = districtFirsts.length * districtSeconds.length;
	const planned = Array.from({ length: districts }, (_, d) => {
		const city = Math.floor(d / districtsPerCity);
		const inCity = d % districtsPerCity;
		// Walk the name grid with a stride coprime to its size, so neighbours do not rhyme.
		const cell = (d * 7) % combos;
		const stem =
			districtFirsts[Math.floor(cell / districtSeconds.length)] +
			districtSeconds[cell % districtSeconds.length];
		const round = Math.floor(d / combos);
		const suffix = inCity < 4 ? '区' : '县';
		return {
			code: `98${pad2(city + 1)}${pad2(inCity + 1)}`,
			name: `${stem}${round > 0 ? round + 1 : ''}${suffix}`,
			city
		};
	});
	return {
		province: { code: scaleProvinceCode, name: scaleProvinceName },
		cities,
		districts: planned
	};
}

/**
 * sfc32 (Chris Doty-Humphrey's small fast counting generator): 128 bits of state, so the streams
 * of different surveys never overlap and 20 million ballot ids drawn from them do not collide (a
 * 32-bit generator such as mulberry32 repeats ids after a few ten thousand).
 */
export function createRandom(...parts: number[]): () => number {
	let a = mixSeed(...parts, 1);
	let b = mixSeed(...parts, 2);
	let c = mixSeed(...parts, 3);
	let d = mixSeed(...parts, 4);
	const next = () => {
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
	for (let i = 0; i < 12; i++) next();
	return next;
}

/** A 32-bit seed from several integers (for one district, one year, one survey). */
export function mixSeed(...parts: number[]): number {
	let h = 0x811c9dc5;
	for (const part of parts) {
		h = Math.imul(h ^ (part >>> 0), 0x01000193) >>> 0;
		h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
		h ^= h >>> 15;
	}
	return h >>> 0;
}

/**
 * Splits `total` by weights (largest remainder), after giving every part `floor` first. The parts
 * always add up to `total` exactly.
 */
export function allocate(total: number, weights: number[], floor = 0): number[] {
	const spare = total - floor * weights.length;
	if (spare < 0) throw new RangeError(`${total} cannot give ${weights.length} parts ${floor} each`);
	const sum = weights.reduce((a, b) => a + b, 0);
	const exact = weights.map((w) => (spare * w) / sum);
	const parts = exact.map((x) => Math.floor(x));
	let left = spare - parts.reduce((a, b) => a + b, 0);
	const order = exact
		.map((x, i) => ({ i, r: x - Math.floor(x) }))
		.sort((a, b) => b.r - a.r || a.i - b.i);
	for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k].i] += 1;
	return parts.map((p) => p + floor);
}

export interface PlannedSurvey {
	/** Position in the plan: years outer, districts inner. */
	index: number;
	district: number;
	year: number;
	ballots: number;
	/** Per survey question: cumulative probabilities of the options in `optionKeys` order. */
	cumulative: Float64Array[];
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * One survey per district and year. A district's satisfaction with each question starts between
 * 82 % and 94 % and drifts by up to a point a year with some noise; its respondents grow 3 % a
 * year and differ between districts (0.6× to 1.4×).
 */
export function planSurveys(options: ScalePlanOptions): PlannedSurvey[] {
	const { districts, years, firstYear, seed } = options;
	const surveys = districts * years;
	if (!Number.isInteger(options.ballots) || options.ballots < minBallotsPerSurvey * surveys) {
		throw new RangeError(
			`--ballots must be at least ${minBallotsPerSurvey} per survey: ${minBallotsPerSurvey * surveys} for ${districts} districts × ${years} years`
		);
	}
	const size = Array.from({ length: districts }, (_, d) => 0.6 + 0.8 * createRandom(seed, 1, d)());
	const weights: number[] = [];
	for (let y = 0; y < years; y++)
		for (let d = 0; d < districts; d++) weights.push(size[d] * (1 + 0.03 * y));
	const counts = allocate(options.ballots, weights, minBallotsPerSurvey);
	const model = Array.from({ length: districts }, (_, d) =>
		surveyQuestions.map((_, q) => {
			const random = createRandom(seed, 2, d, q);
			return {
				base: 0.82 + 0.12 * random(),
				slope: -0.004 + 0.014 * random(),
				unknown: 0.01 + 0.04 * random()
			};
		})
	);
	const plan: PlannedSurvey[] = [];
	for (let y = 0; y < years; y++)
		for (let d = 0; d < districts; d++) {
			const index = plan.length;
			const noise = createRandom(seed, 3, d, y);
			const cumulative = model[d].map(({ base, slope, unknown }) => {
				const s = clamp(base + slope * y + (noise() - 0.5) * 0.02, 0.5, 0.99);
				const shares = [0.4 * s, 0.35 * s, 0.25 * s, 0.6 * (1 - s), 0.4 * (1 - s)].map(
					(p) => p * (1 - unknown)
				);
				shares.push(unknown);
				const c = new Float64Array(shares.length);
				let run = 0;
				shares.forEach((p, i) => (c[i] = run += p));
				c[c.length - 1] = 1;
				return c;
			});
			plan.push({ index, district: d, year: firstYear + y, ballots: counts[index], cumulative });
		}
	return plan;
}

const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A version-4-shaped UUID from the generator (random-looking, as real ballot ids are). */
export function uuidFrom(random: () => number): string {
	const a = (random() * 4294967296) >>> 0;
	const b = (random() * 4294967296) >>> 0;
	const c = (random() * 4294967296) >>> 0;
	const d = (random() * 4294967296) >>> 0;
	const bv = (b & 0xffff0fff) | 0x4000; // version 4 in the third group
	const cv = (c & 0x3fffffff) | 0x80000000; // variant 10xx in the fourth group
	const byte = (word: number, shift: number) => hex[(word >>> shift) & 255];
	// prettier-ignore
	return (
		byte(a, 24) + byte(a, 16) + byte(a, 8) + byte(a, 0) + '-' +
		byte(bv, 24) + byte(bv, 16) + '-' + byte(bv, 8) + byte(bv, 0) + '-' +
		byte(cv, 24) + byte(cv, 16) + '-' + byte(cv, 8) + byte(cv, 0) +
		byte(d, 24) + byte(d, 16) + byte(d, 8) + byte(d, 0)
	);
}

/** Where a survey's rows go: ids the database gave its campaign, subject and questions. */
export interface SurveyIds {
	campaignId: number;
	subjectId: number;
	/** Question ids in `surveyQuestions` order. */
	questionIds: number[];
}

export interface BallotRow {
	id: string;
	channel: 'qr' | 'paper';
	castOn: string;
	/** Option index (into `optionKeys`) per survey question. */
	answers: number[];
}

/**
 * Generates one survey's ballots in order, calling `emit` for each, and returns the answer counts
 * per question and option: exactly what the results' GROUP BY counts would find.
 */
export function generateSurveyBallots(
	survey: PlannedSurvey,
	seed: number,
	emit: (ballot: BallotRow) => void
): Int32Array[] {
	const random = createRandom(seed, 4, survey.index);
	const counts = survey.cumulative.map(() => new Int32Array(optionKeys.length));
	for (let n = 0; n < survey.ballots; n++) {
		const id = uuidFrom(random);
		const channel = random() < 0.85 ? 'qr' : 'paper';
		const castOn = `${survey.year}-11-${pad2(1 + Math.floor(random() * 28))}`;
		const answers = survey.cumulative.map((c, q) => {
			const u = random();
			let i = 0;
			while (u >= c[i] && i < c.length - 1) i++;
			counts[q][i]++;
			return i;
		});
		emit({ id, channel, castOn, answers });
	}
	return counts;
}

/** Rough bytes on disk (heap + indexes) per ballot with its answers, from measured PostgreSQL 15 sizes. */
export const bytesPerBallot = 80 + 48 + 40;
export const bytesPerAnswer = 64 + 48;

export function estimateBytes(ballots: number): number {
	return ballots * (bytesPerBallot + surveyQuestions.length * bytesPerAnswer);
}
