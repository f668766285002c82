/**
 * Reading and writing the reference spreadsheets with exceljs. Every cell is read as text (a code
 * like 0101 must not become the number 101), and written as text, so an exported file re-imports
 * to exactly what was exported.
 */
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';

export type SpreadsheetFormat = 'xlsx' | 'csv';

export interface SheetRows {
	headers: string[];
	/** Spreadsheet row number of the header row (1 unless blank rows stand above it). */
	headerRow: number;
	/** Non-blank data rows with their spreadsheet row numbers, cells in header order. */
	rows: { row: number; cells: string[] }[];
}

/** Why a file could not be read at all (as opposed to rows with bad cells). */
export class SpreadsheetError extends Error {
	constructor(readonly reason: 'unreadable' | 'encoding' | 'xls') {
		super(`spreadsheet ${reason}`);
	}
}

export const contentTypes: Record<SpreadsheetFormat, string> = {
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	csv: 'text/csv; charset=utf-8'
};

const BOM = '\uFEFF';

/** The format by content, not by name: XLSX is a zip ("PK"), legacy XLS an OLE file. */
export function detectFormat(bytes: Uint8Array): SpreadsheetFormat {
	if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
	if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
		throw new SpreadsheetError('xls');
	}
	return 'csv';
}

export async function readSpreadsheet(bytes: Uint8Array): Promise<SheetRows> {
	const workbook = new ExcelJS.Workbook();
	let sheet: ExcelJS.Worksheet | undefined;
	if (detectFormat(bytes) === 'xlsx') {
		try {
			await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
		} catch {
			throw new SpreadsheetError('unreadable');
		}
		sheet = workbook.worksheets[0];
	} else {
		sheet = await workbook.csv.read(Readable.from([decodeUtf8(bytes)]), {
			// Keep every cell as the text it is; exceljs would otherwise turn codes into numbers.
			map: (datum: string) => datum
		} as unknown as ExcelJS.CsvReadOptions);
	}
	return sheet ? sheetRows(sheet) : { headers: [], headerRow: 1, rows: [] };
}

/** Spreadsheet programs in China often save CSV as GBK; say so instead of importing mojibake. */
function decodeUtf8(bytes: Uint8Array): string {
	try {
		const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return text.startsWith(BOM) ? text.slice(1) : text;
	} catch {
		throw new SpreadsheetError('encoding');
	}
}

function sheetRows(sheet: ExcelJS.Worksheet): SheetRows {
	const lines: { row: number; cells: string[] }[] = [];
	sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		const cells: string[] = [];
		row.eachCell({ includeEmpty: true }, (cell, column) => {
			cells[column - 1] = cellText(cell.value);
		});
		const filled = Array.from(cells, (cell) => cell ?? '');
		if (filled.some((cell) => cell.trim() !== '')) lines.push({ row: rowNumber, cells: filled });
	});
	const [header, ...rows] = lines;
	if (!header) return { headers: [], headerRow: 1, rows: [] };
	return { headers: header.cells, headerRow: header.row, rows };
}

/** Text of a cell however Excel stored it: number, date, rich text, hyperlink or formula result. */
export function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	// Excel keeps dates as days since 1900; exceljs hands them over as UTC midnight.
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if ('richText' in value) return value.richText.map((part) => part.text).join('');
	if ('formula' in value || 'sharedFormula' in value) {
		return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
	}
	if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
	if ('error' in value) return String(value.error);
	return '';
}

/** A file of the given rows under the given headers; every cell is stored as text. */
export async function writeSpreadsheet(
	format: SpreadsheetFormat,
	sheetName: string,
	headers: string[],
	rows: string[][]
): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet(sheetName);
	sheet.columns = headers.map((header) => ({
		header,
		width: Math.max(12, header.length * 2 + 4),
		style: { numFmt: '@' }
	}));
	sheet.addRows(rows);
	sheet.getRow(1).font = { bold: true };
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
	if (format === 'xlsx') {
		return new Uint8Array(await workbook.xlsx.writeBuffer());
	}
	const csv = await workbook.csv.writeBuffer({ map: (value: unknown) => value ?? '' } as never);
	// The byte-order mark makes Excel open a UTF-8 CSV as UTF-8 rather than the system code page.
	return new Uint8Array(Buffer.concat([Buffer.from(BOM, 'utf8'), Buffer.from(csv)]));
}
