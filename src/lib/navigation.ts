import { m } from '$lib/paraglide/messages';

export interface NavArea {
	href: string;
	label: () => string;
	description: () => string;
}

/** The product's areas, in the order the navigation shows them. */
export const navAreas: NavArea[] = [
	{ href: '/jury', label: m.nav_jury, description: m.area_jury_desc },
	{ href: '/campaigns', label: m.nav_campaigns, description: m.area_campaigns_desc },
	{ href: '/results', label: m.nav_results, description: m.area_results_desc },
	{ href: '/live', label: m.nav_live, description: m.area_live_desc },
	{ href: '/trends', label: m.nav_trends, description: m.area_trends_desc },
	{ href: '/reference', label: m.nav_reference, description: m.area_reference_desc },
	{ href: '/admin', label: m.nav_admin, description: m.area_admin_desc }
];
