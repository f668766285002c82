/** The import form's fields, narrowed from FormData. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export type UploadProblem = 'no_file' | 'too_large' | 'extension';

export async function parseTrendUpload(
	form: FormData
): Promise<
	{ ok: true; bytes: Uint8Array; fileName: string } | { ok: false; problem: UploadProblem }
> {
	const file = form.get('file');
	if (!(file instanceof File) || file.size === 0) return { ok: false, problem: 'no_file' };
	if (file.size > MAX_UPLOAD_BYTES) return { ok: false, problem: 'too_large' };
	if (!/\.(xlsx|csv)$/i.test(file.name)) return { ok: false, problem: 'extension' };
	return {
		ok: true,
		bytes: new Uint8Array(await file.arrayBuffer()),
		fileName: file.name.slice(0, 200)
	};
}

/** A batch id from the confirm and discard forms; null for anything but a positive integer. */
export function parseBatchId(value: FormDataEntryValue | null): number | null {
	if (typeof value !== 'string' || !/^\d{1,9}$/.test(value.trim())) return null;
	const id = Number(value.trim());
	return id >= 1 ? id : null;
}
