/** What the reference queries take and give. */
import type { CadreLevel, RegionLevel, UnitKind } from '$lib/domain/reference-import';

export interface ListQuery {
	search: string;
	includeArchived: boolean;
	page: number;
}
export interface RegionListQuery extends ListQuery {
	level: RegionLevel | null;
	parentCode: string | null;
}
export interface UnitListQuery extends ListQuery {
	kind: UnitKind | null;
	regionCode: string | null;
}
export interface CadreListQuery extends ListQuery {
	level: CadreLevel | null;
	unitCode: string | null;
}

export interface Page<T> {
	items: T[];
	total: number;
	page: number;
	pageSize: number;
}

export interface RegionRow {
	id: number;
	code: string;
	name: string;
	level: RegionLevel;
	parentCode: string | null;
	parentName: string | null;
	archived: boolean;
}
export interface UnitRow {
	id: number;
	code: string;
	name: string;
	kind: UnitKind;
	regionCode: string;
	regionName: string;
	parentCode: string | null;
	parentName: string | null;
	archived: boolean;
}
export interface CadreRow {
	id: number;
	code: string;
	name: string;
	unitCode: string;
	unitName: string;
	position: string;
	level: CadreLevel;
	midLevel: boolean;
	headsUnit: boolean;
	birthMonth: string | null;
	appointedOn: string | null;
	archived: boolean;
}
