import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load = (({ url }) => {
	const number = url.searchParams.get('number') ?? '';
	// Only the shape is checked: the page just repeats the number the applicant was given.
	if (!/^JN-[2-9A-Z]{4}-[2-9A-Z]{4}$/.test(number)) redirect(303, '/apply');
	return { number };
}) satisfies PageServerLoad;
