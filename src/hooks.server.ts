import type { ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { handleI18n } from '$lib/server/hooks/i18n';
import { startUp } from '$lib/server/startup';

export const init: ServerInit = startUp;

export const handle = sequence(handleI18n);
