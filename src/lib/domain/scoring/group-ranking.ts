/**
 * A ranking round across campaigns (e.g. one satisfaction survey per district): each member's
 * headline figures, as published, ranked together with the same engine, and the group's rank
 * rules applied. Pure: the server reads the members' frozen snapshots and hands the figures here.
 */
import { div, fromDecimal, fromInt, type Rational } from './rational';
import { rankSubjects, type RankedEntry, type RankMethod } from './rank';
import { evaluateRules, type ConsequenceRule, type Outcome } from './rules';

export interface GroupEntry {
	/** Unique within the group, e.g. "campaignId:subjectId". */
	key: string;
	/** The member's exact headline; null when it had no figure or was suppressed. */
	value: Rational | null;
	/** The headline as the member published it (a score, or a percentage for rates). */
	display: string | null;
	suppressed: boolean;
}

export interface GroupRankSettings {
	basis: 'score' | 'rate' | 'picks';
	/** Rank on the published figure (equal published figures tie) or the exact value. */
	rankOn: 'displayed' | 'exact';
	method: RankMethod;
}

/** The figure an entry is ranked on, on the same scale as the exact value. */
export function groupRankValue(entry: GroupEntry, settings: GroupRankSettings): Rational | null {
	if (entry.suppressed || entry.value === null) return null;
	if (settings.rankOn === 'exact' || entry.display === null || settings.basis === 'picks')
		return entry.value;
	const shown = fromDecimal(entry.display);
	return settings.basis === 'rate' ? div(shown, fromInt(100)) : shown;
}

export interface GroupRanking {
	ranking: RankedEntry[];
	/** Rules evaluated: rank rules need at least two ranked members. */
	applied: ConsequenceRule[];
	outcomes: Outcome[];
}

export function rankGroup(
	groupId: string,
	entries: readonly GroupEntry[],
	settings: GroupRankSettings,
	rules: readonly ConsequenceRule[]
): GroupRanking {
	const keys = entries.map((e) => e.key);
	if (new Set(keys).size !== keys.length) throw new RangeError('two group entries share a key');
	const ranking = rankSubjects(
		entries.map((entry) => ({ subject: entry.key, value: groupRankValue(entry, settings) })),
		{ method: settings.method }
	);
	const placed = ranking.filter((entry) => entry.position !== null).length;
	const applied = rules.filter((rule) => rule.kind !== 'threshold' && placed >= 2);
	const outcomes = evaluateRules({ campaignId: groupId, rankings: { main: ranking } }, applied);
	return { ranking, applied, outcomes };
}
