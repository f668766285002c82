import { GIVEN_NAME_CHARS, SURNAMES } from './names';
import type { Prng } from './prng';
import { DEMO_AS_OF, DEMO_TARGETS, type DemoCadre } from './types';
import type { PlacedUnit } from './units';

type Role = 'head' | 'deputy' | 'officeHead' | 'officeDeputy' | 'staff';

interface Post {
	unitCode: string;
	position: string;
	role: Role;
	level: DemoCadre['level'];
	midLevel: boolean;
}

// Age ranges and the share of women by role, roughly as in published cadre statistics.
const PROFILE: Record<Role, { ages: [number, number]; women: number; maxYearsInPost: number }> = {
	head: { ages: [45, 57], women: 0.15, maxYearsInPost: 8 },
	deputy: { ages: [38, 56], women: 0.25, maxYearsInPost: 10 },
	officeHead: { ages: [32, 54], women: 0.35, maxYearsInPost: 10 },
	officeDeputy: { ages: [28, 48], women: 0.4, maxYearsInPost: 8 },
	staff: { ages: [26, 59], women: 0.45, maxYearsInPost: 12 }
};

// Non-leadership ranks (职级) of section level; they fill the rosters up to the cadre count.
const STAFF_RANKS = ['一级主任科员', '二级主任科员', '三级主任科员', '四级主任科员'];

export function generateCadres(prng: Prng, placed: PlacedUnit[]): DemoCadre[] {
	const rosters = placed.map((p) => leadershipPosts(prng, p));
	const filled = rosters.reduce((sum, posts) => sum + posts.length, 0);
	if (filled > DEMO_TARGETS.cadres) throw new Error('the leadership posts exceed the cadre count');
	// City departments are larger than district bureaus, so they get more of the staff.
	const weights = placed.map((p) => (p.tier === 'city' ? 3 : 1));
	const indexes = placed.map((_, i) => i);
	for (let i = filled; i < DEMO_TARGETS.cadres; i++) {
		const u = prng.weighted(indexes, weights);
		rosters[u].push({
			unitCode: placed[u].unit.code,
			position: prng.pick(STAFF_RANKS),
			role: 'staff',
			level: 'section',
			midLevel: false
		});
	}
	const names = new NamePicker(prng);
	return rosters.flat().map((post, i) => person(prng, names, post, i + 1));
}

/** The unit's leaders and its office heads: the posts every real roster has. */
function leadershipPosts(prng: Prng, { unit, template, tier }: PlacedUnit): Post[] {
	const level: Post['level'] = tier === 'city' ? 'county' : 'section';
	const post = (position: string, role: Role, postLevel = level, midLevel = false): Post => ({
		unitCode: unit.code,
		position,
		role,
		level: postLevel,
		midLevel
	});
	const [headTitle, deputyTitle] = template.titles;
	const posts: Post[] = [];
	if (headTitle) posts.push(post(headTitle, 'head'));
	const deputies = prng.int(2, 3);
	for (let i = 0; i < deputies; i++) {
		const executive = !headTitle && i === 0;
		posts.push(post(executive ? `常务${deputyTitle}` : deputyTitle, executive ? 'head' : 'deputy'));
	}
	// Offices: the first two (办公室 and the unit's core office) always, then a seeded few more.
	const [first, second, ...rest] = template.offices;
	const extra = prng.shuffle(rest).slice(0, prng.int(1, 3));
	const offices = template.offices.filter((o) => o === first || o === second || extra.includes(o));
	for (const office of offices) {
		const [headOf, deputyOf] = office.endsWith('科') ? ['科长', '副科长'] : ['主任', '副主任'];
		// Office heads of city departments are the mid-level cadres (中层干部) the jury rates.
		posts.push(post(`${office}${headOf}`, 'officeHead', 'section', true));
		if (prng.chance(0.4)) posts.push(post(`${office}${deputyOf}`, 'officeDeputy', 'section', true));
	}
	return posts;
}

function person(prng: Prng, names: NamePicker, post: Post, n: number): DemoCadre {
	const profile = PROFILE[post.role];
	const age = prng.int(...profile.ages);
	const birthMonth = prng.int(1, 12);
	const yearsInPost = Math.min(profile.maxYearsInPost, age - 26);
	const asOf = Date.UTC(DEMO_AS_OF.year, DEMO_AS_OF.month - 1, DEMO_AS_OF.day);
	const appointed = new Date(asOf - prng.int(0, yearsInPost * 365) * 86_400_000);
	const { role, ...fields } = post;
	return {
		code: `C-${String(n).padStart(6, '0')}`,
		name: names.next(prng.chance(profile.women) ? 'female' : 'male'),
		...fields,
		headsUnit: role === 'head',
		birthMonth: `${DEMO_AS_OF.year - age}-${String(birthMonth).padStart(2, '0')}`,
		appointedOn: appointed.toISOString().slice(0, 10)
	};
}

/** Common-looking Chinese names, never the same name twice in the demo, so lists stay unambiguous. */
class NamePicker {
	private used = new Set<string>();
	private surnameWeights = SURNAMES.map((_, i) => 1 / (i + 4));

	constructor(private prng: Prng) {}

	next(gender: 'male' | 'female'): string {
		const chars = GIVEN_NAME_CHARS[gender];
		for (;;) {
			const surname = this.prng.weighted(SURNAMES, this.surnameWeights);
			const first = this.prng.pick(chars);
			const second = this.prng.pick(chars);
			const given = this.prng.chance(0.25) ? first : first === second ? first : first + second;
			const name = surname + given;
			if (!this.used.has(name)) {
				this.used.add(name);
				return name;
			}
		}
	}
}
