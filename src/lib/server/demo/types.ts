import type { CadreLevel, RegionLevel, UnitKind } from '../db/schema/reference';

/** The demo province as plain data; rows refer to each other by code, never by database id. */
export interface DemoProvince {
	seed: number;
	regions: DemoRegion[];
	/** Departments and law-enforcement bodies first, then service windows. */
	units: DemoUnit[];
	cadres: DemoCadre[];
}

export interface DemoRegion {
	code: string;
	name: string;
	level: RegionLevel;
	parentCode: string | null;
}

export interface DemoUnit {
	code: string;
	name: string;
	kind: UnitKind;
	regionCode: string;
	parentUnitCode: string | null;
}

export interface DemoCadre {
	code: string;
	name: string;
	unitCode: string;
	position: string;
	level: CadreLevel;
	midLevel: boolean;
	/** The unit's principal leader (its head, or the executive deputy of a unit without one). */
	headsUnit: boolean;
	/** YYYY-MM */
	birthMonth: string;
	/** YYYY-MM-DD */
	appointedOn: string;
}

/** What the demo always contains; the seed changes names, townships and who works where. */
export const DEMO_TARGETS = {
	cities: 17,
	districts: 12,
	units: 60,
	windows: 120,
	cadres: 600
} as const;

/** Ages and appointment dates are reckoned from this day, never from the clock: same seed, same data. */
export const DEMO_AS_OF = { year: 2025, month: 12, day: 31 } as const;
