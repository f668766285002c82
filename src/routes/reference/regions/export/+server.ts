import { exportResponse } from '$lib/server/reference/pages';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => exportResponse('region', event);
