import type { ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { handleAuth } from '$lib/server/hooks/auth';
import { handleFormBody } from '$lib/server/hooks/form-body';
import { handleGuard } from '$lib/server/hooks/guard';
import { handleI18n } from '$lib/server/hooks/i18n';
import { startUp } from '$lib/server/startup';

export const init: ServerInit = startUp;

// Language first (messages in the guard's answers use it), then who is asking, then may they;
// last, unreadable form bodies become 400s instead of 500s in whichever action reads them.
export const handle = sequence(handleI18n, handleAuth, handleGuard, handleFormBody);
