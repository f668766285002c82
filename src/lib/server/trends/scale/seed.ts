/**
 * `npm run seed:scale`, the database part: writes the plan from generate.ts as real rows — regions,
 * published satisfaction surveys with their subject and questions, every ballot and answer, each
 * survey's frozen results (the publication snapshot, computed by the results engine from the
 * generated counts) and the trend rollup those results feed — then ANALYZE.
 *
 * PostgreSQL: ballots and answers go in with COPY inside one transaction; on an (almost) empty
 * ballot table the answer primary key and the ballot (campaign, subject) index are dropped first and
 * rebuilt after, and foreign-key triggers are skipped (`session_replication_role = replica`, when
 * the role may) since every reference is generated from rows this run inserted. A failure rolls all
 * of it back. PGlite: multi-row INSERTs, for small sizes only.
 */
import { inArray, sql } from 'drizzle-orm';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Sql } from 'postgres';
import { getTemplate } from '$lib/domain/campaign-templates';
import { recordAuditEvent } from '$lib/server/audit';
import { toBallotQuestion, type BallotDefinition } from '$lib/server/campaigns/definition';
import type { Database, DatabaseKind } from '$lib/server/db/connect';
import { rowsOf } from '$lib/server/db/rows';
import * as table from '$lib/server/db/schema';
import type { CampaignCounts } from '$lib/server/results/aggregate';
import { buildResults } from '$lib/server/results/compute';
import { recordPublishedIndicators } from '$lib/server/results/indicators';
import { canonicalSnapshot, sha256Hex } from '$lib/server/results/snapshot';
import { ensureBuiltInIndicators } from '../indicators';
import {
	generateSurveyBallots,
	optionKeys,
	planRegions,
	planSurveys,
	scaleProvinceCode,
	surveyQuestions,
	type BallotRow,
	type PlannedSurvey,
	type ScalePlanOptions,
	type SurveyIds
} from './generate';

/** PGlite runs in this process's memory: beyond this many ballots, use PostgreSQL. */
export const pgliteMaxBallots = 1_000_000;
export const scaleSeedAction = 'trends.scale_seed';

export type ScalePhase = 'reference' | 'ballots' | 'results' | 'analyze';

export interface ScaleProgress {
	phase: ScalePhase;
	/** Ballots written so far (phase 'ballots'); steps otherwise. */
	done: number;
	total: number;
}

export interface ScaleSeedOptions extends ScalePlanOptions {
	onProgress?: (progress: ScaleProgress) => void;
}

export interface ScaleSeedSummary {
	provinceId: number;
	cities: number;
	districts: number;
	surveys: number;
	ballots: number;
	answers: number;
	indicatorValues: number;
	/** Whether the ballot indexes were dropped and rebuilt around the load (PostgreSQL, empty table). */
	rebuiltIndexes: boolean;
	/** Whether foreign-key triggers were skipped during COPY (superuser on PostgreSQL). */
	skippedTriggers: boolean;
	seconds: number;
}

export class ScaleSeedRefusedError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ScaleSeedRefusedError';
	}
}

export interface ScaleDatasetState {
	state: 'absent' | 'complete' | 'incomplete';
	provinceId: number | null;
	/** From the completion record: what a finished run wrote. */
	details: Record<string, unknown> | null;
}

/** Whether this database already holds a scale dataset, and whether its run finished. */
export async function scaleDatasetState(db: Pick<Database, 'execute'>): Promise<ScaleDatasetState> {
	const [province] = rowsOf<{ id: number }>(
		await db.execute(sql`select id from region where code = ${scaleProvinceCode}`)
	);
	if (!province) return { state: 'absent', provinceId: null, details: null };
	const [done] = rowsOf<{ details: Record<string, unknown> | string }>(
		await db.execute(sql`
			select details from audit_event where action = ${scaleSeedAction}
			order by seq desc limit 1`)
	);
	const details =
		done === undefined
			? null
			: typeof done.details === 'string'
				? (JSON.parse(done.details) as Record<string, unknown>)
				: done.details;
	return { state: details ? 'complete' : 'incomplete', provinceId: Number(province.id), details };
}

const surveyTemplate = getTemplate('satisfaction_survey');
const templateQuestions = surveyQuestions.map((q) => {
	const found = surveyTemplate.questions.find((t) => t.key === q.key);
	if (!found) throw new Error(`the satisfaction survey template has no question ${q.key}`);
	return found;
});

export async function seedScale(
	handle: { db: Database; kind: DatabaseKind },
	options: ScaleSeedOptions
): Promise<ScaleSeedSummary> {
	const started = performance.now();
	const { db } = handle;
	const progress = options.onProgress ?? (() => {});
	if (handle.kind === 'pglite' && options.ballots > pgliteMaxBallots) {
		throw new ScaleSeedRefusedError(
			`minping: ${options.ballots.toLocaleString('en')} ballots is too many for the embedded database (PGlite): ` +
				`it runs inside this process. Use PostgreSQL (--database-url or DATABASE_URL), or at most ` +
				`--ballots ${pgliteMaxBallots.toLocaleString('en')} here.`
		);
	}
	const regions = planRegions(options.districts);
	const surveys = planSurveys(options);
	const existing = await scaleDatasetState(db);
	if (existing.state !== 'absent') {
		throw new ScaleSeedRefusedError(
			existing.state === 'complete'
				? `minping: this database already holds the scale dataset (province ${scaleProvinceCode}, ` +
						`${String(existing.details?.ballots ?? '?')} ballots); nothing written. Use a fresh database to seed again.`
				: `minping: this database holds an unfinished scale dataset (province ${scaleProvinceCode} without its ` +
						`completion record — an earlier run stopped); nothing written. Drop the database and use a fresh one.`
		);
	}
	await ensureBuiltInIndicators(db);

	progress({ phase: 'reference', done: 0, total: 1 });
	const written = await writeReference(db, regions, surveys);
	progress({ phase: 'reference', done: 1, total: 1 });

	const ballotTotal = surveys.reduce((n, s) => n + s.ballots, 0);
	const load =
		handle.kind === 'postgres'
			? await copyBallots(
					(db as unknown as { $client: Sql }).$client,
					surveys,
					written.ids,
					options.seed,
					(done) => progress({ phase: 'ballots', done, total: ballotTotal })
				)
			: await insertBallots(db, surveys, written.ids, options.seed, (done) =>
					progress({ phase: 'ballots', done, total: ballotTotal })
				);

	progress({ phase: 'results', done: 0, total: surveys.length });
	const indicatorValues = await writeResults(db, {
		surveys,
		written,
		counts: load.counts,
		summary: {
			ballots: ballotTotal,
			districts: options.districts,
			years: options.years,
			firstYear: options.firstYear,
			seed: options.seed
		},
		onStep: (done) => progress({ phase: 'results', done, total: surveys.length })
	});

	progress({ phase: 'analyze', done: 0, total: 1 });
	// Publication re-ranks a district's peer group on every value it records, so 9,000 values in
	// one transaction leave ten times as many dead row versions behind (several MB for 9,000 live
	// rows); between real publications autovacuum would have let the updates reuse that space.
	// Compacting the rollup gives the dashboards the table they would see in steady state.
	await db.execute(sql`vacuum (full, analyze) indicator_value`);
	if (handle.kind === 'postgres') {
		// Sets the visibility map and hint bits once, so neither the dashboards nor the raw-ballot
		// comparison pay for them on first read, and gives the planner real statistics.
		await db.execute(sql`vacuum (analyze) ballot, ballot_answer`);
		await db.execute(sql`analyze region, campaign, campaign_subject, question, result`);
	} else {
		await db.execute(sql`analyze`);
	}
	progress({ phase: 'analyze', done: 1, total: 1 });

	return {
		provinceId: written.provinceId,
		cities: regions.cities.length,
		districts: regions.districts.length,
		surveys: surveys.length,
		ballots: ballotTotal,
		answers: ballotTotal * surveyQuestions.length,
		indicatorValues,
		rebuiltIndexes: load.rebuiltIndexes,
		skippedTriggers: load.skippedTriggers,
		seconds: (performance.now() - started) / 1000
	};
}

interface WrittenReference {
	provinceId: number;
	cityIds: number[];
	districtIds: number[];
	/** Per survey, in plan order. */
	ids: SurveyIds[];
	campaigns: table.Campaign[];
}

function chunks<T>(items: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

async function writeReference(
	db: Database,
	regions: ReturnType<typeof planRegions>,
	surveys: PlannedSurvey[]
): Promise<WrittenReference> {
	return db.transaction(async (tx) => {
		const [province] = await tx
			.insert(table.region)
			.values({ code: regions.province.code, name: regions.province.name, level: 'province' })
			.returning({ id: table.region.id });
		const cityRows = await tx
			.insert(table.region)
			.values(
				regions.cities.map((c) => ({
					code: c.code,
					name: c.name,
					level: 'city' as const,
					parentId: province.id
				}))
			)
			.returning({ id: table.region.id });
		const cityIds = cityRows.map((r) => r.id);
		const districtIds: number[] = [];
		for (const part of chunks(regions.districts, 500)) {
			const rows = await tx
				.insert(table.region)
				.values(
					part.map((d) => ({
						code: d.code,
						name: d.name,
						level: 'district' as const,
						parentId: cityIds[d.city]
					}))
				)
				.returning({ id: table.region.id });
			districtIds.push(...rows.map((r) => r.id));
		}
		const campaigns: table.Campaign[] = [];
		for (const part of chunks(surveys, 500)) {
			const rows = await tx
				.insert(table.campaign)
				.values(
					part.map((s) => ({
						kind: 'satisfaction_survey' as const,
						title: `${s.year}年${regions.districts[s.district].name}组织工作满意度调查`,
						regionId: districtIds[s.district],
						secret: true,
						state: 'published' as const,
						electorateSource: 'codes' as const,
						settings: { ...surveyTemplate.settings },
						opensAt: new Date(Date.UTC(s.year, 10, 1)),
						closesAt: new Date(Date.UTC(s.year, 11, 1)),
						createdAt: new Date(Date.UTC(s.year, 9, 1)),
						updatedAt: new Date(Date.UTC(s.year, 11, 10))
					}))
				)
				.returning();
			campaigns.push(...rows);
		}
		const subjectIds: number[] = [];
		for (const part of chunks(campaigns, 1000)) {
			const rows = await tx
				.insert(table.campaignSubject)
				.values(
					part.map((c) => ({
						campaignId: c.id,
						kind: 'overall' as const,
						label: '总体评价',
						position: 0
					}))
				)
				.returning({ id: table.campaignSubject.id });
			subjectIds.push(...rows.map((r) => r.id));
		}
		const questionIds: number[][] = campaigns.map(() => []);
		for (const part of chunks(
			campaigns.map((c, i) => ({ c, i })),
			1000
		)) {
			const rows = await tx
				.insert(table.question)
				.values(
					part.flatMap(({ c }) =>
						templateQuestions.map((q, position) => ({
							campaignId: c.id,
							key: q.key,
							position,
							kind: q.kind,
							promptZh: q.prompt.zh,
							promptEn: q.prompt.en,
							scale: q.scale,
							required: q.required,
							reasonRequiredFor: q.reasonRequiredFor,
							appliesTo: q.appliesTo,
							dimension: q.dimension
						}))
					)
				)
				.returning({
					id: table.question.id,
					campaignId: table.question.campaignId,
					position: table.question.position
				});
			const at = new Map(part.map(({ c, i }) => [c.id, i]));
			for (const row of rows) questionIds[at.get(row.campaignId) as number][row.position] = row.id;
		}
		return {
			provinceId: province.id,
			cityIds,
			districtIds,
			campaigns,
			ids: campaigns.map((c, i) => ({
				campaignId: c.id,
				subjectId: subjectIds[i],
				questionIds: questionIds[i]
			}))
		};
	});
}

interface LoadResult {
	/** Per survey: answer counts per question and option. */
	counts: Int32Array[][];
	rebuiltIndexes: boolean;
	skippedTriggers: boolean;
}

/** Ballots per COPY round (one COPY into ballot, then one into ballot_answer). */
const copyChunkBallots = 250_000;
/** Rows per write() into a COPY stream. */
const sliceRows = 2_000;

async function writeAll(stream: Writable, text: string): Promise<void> {
	if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * Ends a COPY and waits for the server to take it. postgres.js never settles a COPY the server
 * refused after its last row was sent, so the backend is watched too: an aborted transaction means
 * a row was refused (the reason is in the PostgreSQL log).
 */
async function finish(stream: Writable, aborted: () => Promise<boolean>): Promise<void> {
	const done = once(stream, 'finish').then(() => true);
	stream.end();
	for (;;) {
		const wait = new Promise<false>((resolve) => setTimeout(() => resolve(false), 2_000));
		if (await Promise.race([done, wait])) return;
		if (await aborted()) {
			throw new Error(
				'PostgreSQL refused a row of the COPY and aborted the load (its log says which)'
			);
		}
	}
}

async function copyBallots(
	client: Sql,
	surveys: PlannedSurvey[],
	ids: SurveyIds[],
	seed: number,
	onBallots: (done: number) => void
): Promise<LoadResult> {
	const [role] = await client<{ rolsuper: boolean }[]>`
		select rolsuper from pg_roles where rolname = current_user`;
	const skippedTriggers = role?.rolsuper === true;
	const [{ n }] = await client<{ n: number }[]>`
		select count(*)::int as n from (select 1 from ballot limit 1000000) t`;
	const rebuiltIndexes = n < 1_000_000;
	const counts: Int32Array[][] = new Array(surveys.length);
	await client.begin(async (tx) => {
		const [{ pid }] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
		const aborted = async () => {
			const [row] = await client<
				{ state: string }[]
			>`select state from pg_stat_activity where pid = ${pid}`;
			return row?.state === 'idle in transaction (aborted)';
		};
		await tx`set local maintenance_work_mem = '1GB'`;
		await tx`set local synchronous_commit = off`;
		if (skippedTriggers) await tx`set local session_replication_role = replica`;
		if (rebuiltIndexes) {
			await tx`alter table ballot_answer drop constraint ballot_answer_ballot_id_question_id_pk`;
			await tx`drop index ballot_campaign_subject_idx`;
		}
		let done = 0;
		let next = 0;
		while (next < surveys.length) {
			const group: number[] = [];
			let size = 0;
			while (
				next < surveys.length &&
				(group.length === 0 || size + surveys[next].ballots <= copyChunkBallots)
			) {
				size += surveys[next].ballots;
				group.push(next++);
			}
			const answers: string[] = [];
			const ballots =
				await tx`copy ballot (id, campaign_id, subject_id, channel, cast_on) from stdin`.writable();
			let lines: string[] = [];
			for (const s of group) {
				const { campaignId, subjectId, questionIds } = ids[s];
				const head = `\t${campaignId}\t${subjectId}\t`;
				const answerTails = questionIds.map((q) => `\t${q}\t`);
				let answerLines: string[] = [];
				const flush = async () => {
					await writeAll(ballots, lines.join(''));
					answers.push(answerLines.join(''));
					done += lines.length;
					onBallots(done);
					lines = [];
					answerLines = [];
				};
				const pending: BallotRow[] = [];
				counts[s] = generateSurveyBallots(surveys[s], seed, (b) => pending.push(b));
				for (const b of pending) {
					lines.push(`${b.id}${head}${b.channel}\t${b.castOn}\n`);
					for (let q = 0; q < b.answers.length; q++)
						answerLines.push(`${b.id}${answerTails[q]}${optionKeys[b.answers[q]]}\n`);
					if (lines.length >= sliceRows) await flush();
				}
				if (lines.length > 0) await flush();
			}
			await finish(ballots, aborted);
			const answerStream =
				await tx`copy ballot_answer (ballot_id, question_id, option_key) from stdin`.writable();
			for (const text of answers) await writeAll(answerStream, text);
			await finish(answerStream, aborted);
		}
		if (rebuiltIndexes) {
			onBallots(done);
			await tx`alter table ballot_answer add constraint ballot_answer_ballot_id_question_id_pk primary key (ballot_id, question_id)`;
			await tx`create index ballot_campaign_subject_idx on ballot using btree (campaign_id, subject_id)`;
		}
	});
	return { counts, rebuiltIndexes, skippedTriggers };
}

async function insertBallots(
	db: Database,
	surveys: PlannedSurvey[],
	ids: SurveyIds[],
	seed: number,
	onBallots: (done: number) => void
): Promise<LoadResult> {
	const counts: Int32Array[][] = new Array(surveys.length);
	await db.transaction(async (tx) => {
		let done = 0;
		let ballots: string[] = [];
		let answers: string[] = [];
		const flush = async () => {
			if (ballots.length === 0) return;
			// Every value is generated here (uuids, ids, fixed keys): nothing user-typed is spliced in.
			await tx.execute(
				sql.raw(
					`insert into ballot (id, campaign_id, subject_id, channel, cast_on) values ${ballots.join(',')}`
				)
			);
			await tx.execute(
				sql.raw(
					`insert into ballot_answer (ballot_id, question_id, option_key) values ${answers.join(',')}`
				)
			);
			done += ballots.length;
			onBallots(done);
			ballots = [];
			answers = [];
		};
		for (let s = 0; s < surveys.length; s++) {
			const { campaignId, subjectId, questionIds } = ids[s];
			const pending: BallotRow[] = [];
			counts[s] = generateSurveyBallots(surveys[s], seed, (b) => pending.push(b));
			for (const b of pending) {
				ballots.push(`('${b.id}',${campaignId},${subjectId},'${b.channel}','${b.castOn}')`);
				b.answers.forEach((option, q) =>
					answers.push(`('${b.id}',${questionIds[q]},'${optionKeys[option]}')`)
				);
				if (ballots.length >= 1000) await flush();
			}
		}
		await flush();
	});
	return { counts, rebuiltIndexes: false, skippedTriggers: false };
}

/** What the results' SQL counts (aggregate.ts) would return for one generated survey. */
export function countsOf(
	ids: SurveyIds,
	ballots: number,
	perQuestion: Int32Array[]
): CampaignCounts {
	return {
		ballots: [{ subjectId: ids.subjectId, tierId: null, n: ballots }],
		options: perQuestion.flatMap((byOption, q) =>
			optionKeys
				.map((key, i) => ({ key, n: byOption[i] }))
				.filter((o) => o.n > 0)
				.map((o) => ({
					subjectId: ids.subjectId,
					tierId: null,
					questionId: ids.questionIds[q],
					key: o.key,
					n: o.n
				}))
		),
		scores: [],
		selections: []
	};
}

async function writeResults(
	db: Database,
	input: {
		surveys: PlannedSurvey[];
		written: WrittenReference;
		counts: Int32Array[][];
		summary: Record<string, number>;
		onStep: (done: number) => void;
	}
): Promise<number> {
	const { surveys, written } = input;
	const questionRows = await db
		.select()
		.from(table.question)
		.where(
			inArray(
				table.question.campaignId,
				written.campaigns.map((c) => c.id)
			)
		);
	const questionsOf = new Map<number, table.Question[]>();
	for (const row of questionRows) {
		const list = questionsOf.get(row.campaignId) ?? [];
		list.push(row);
		questionsOf.set(row.campaignId, list);
	}
	return db.transaction(async (tx) => {
		const results: (typeof table.result.$inferInsert)[] = [];
		let recorded = 0;
		const flush = async (force: boolean) => {
			if (results.length >= 200 || (force && results.length > 0))
				await tx.insert(table.result).values(results.splice(0));
		};
		for (let s = 0; s < surveys.length; s++) {
			const survey = surveys[s];
			const campaign = written.campaigns[s];
			const ids = written.ids[s];
			const definition: BallotDefinition = {
				campaign,
				subjects: [{ id: ids.subjectId, kind: 'overall', label: '总体评价', detail: null }],
				questions: (questionsOf.get(campaign.id) ?? [])
					.sort((a, b) => a.position - b.position)
					.map(toBallotQuestion),
				tiers: []
			};
			// The same function publication runs (results/compute.ts), fed the counts its SQL would
			// read from these ballots (seed.db.test.ts checks the two agree).
			const { snapshot, rulesApplied } = buildResults(
				definition,
				countsOf(ids, survey.ballots, input.counts[s]),
				{ audience: null }
			);
			const text = canonicalSnapshot(snapshot);
			const publishedAt = new Date(Date.UTC(survey.year, 11, 10));
			results.push({
				campaignId: campaign.id,
				snapshot: text,
				sha256: sha256Hex(text),
				ballotCount: snapshot.ballots,
				rulesApplied,
				publishedAt
			});
			// And the same rollup publication writes, in the same way: upsert the district's values
			// and re-rank its peer group (results/indicators.ts → trends/record.ts).
			recorded += await recordPublishedIndicators(tx, campaign, snapshot, publishedAt);
			await flush(false);
			if (s % 50 === 49) input.onStep(s + 1);
		}
		await flush(true);
		await recordAuditEvent(tx, {
			actor: null,
			action: scaleSeedAction,
			subjectType: 'region',
			subjectId: written.provinceId,
			details: { ...input.summary, surveys: surveys.length, indicatorValues: recorded }
		});
		input.onStep(surveys.length);
		return recorded;
	});
}
