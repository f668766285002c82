/**
 * Words for the reference enums in the reader's language. Kept beside the column definitions
 * (client-safe) so pages and server-side error messages use the same words.
 */
import { m } from '$lib/paraglide/messages';
import type { CadreLevel, RegionLevel, UnitKind } from './reference-columns';

export const regionLevelLabel: Record<RegionLevel, () => string> = {
	province: m.reference_level_province,
	city: m.reference_level_city,
	district: m.reference_level_district,
	township: m.reference_level_township
};

export const unitKindLabel: Record<UnitKind, () => string> = {
	department: m.reference_kind_department,
	law_enforcement: m.reference_kind_law_enforcement,
	service_window: m.reference_kind_service_window
};

export const cadreLevelLabel: Record<CadreLevel, () => string> = {
	county: m.reference_cadre_level_county,
	section: m.reference_cadre_level_section
};
