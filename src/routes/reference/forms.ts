/** What every form field takes: the values to show and the keys the server rejected. */
export interface FieldProps {
	values: Record<string, string>;
	invalid: Set<string>;
}

/** The `form` a create or save action returns when it refuses the input (and, on edit pages, archiving). */
export type RecordForm =
	| {
			message?: string;
			issues?: { key: string | null; message: string }[];
			values?: Record<string, string>;
			archiveMessage?: string;
	  }
	| null
	| undefined;

/** The field keys named by the form's issues, for aria-invalid. */
export function invalidKeys(form: RecordForm): Set<string> {
	return new Set(form?.issues?.map((issue) => issue.key ?? '') ?? []);
}
