import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { hoursMinutes, isoDateTime, percent, RECORD_COLUMNS } from '../../src/records/columns.ts';
import type { CompletionRecord } from '../../src/records/completion-record.ts';
import {
  BOM,
  csvLine,
  neutraliseFormula,
  parseCsv,
  quoteField,
  recordsToCsv,
} from '../../src/records/csv.ts';
import { exportFileName } from '../../src/records/export-file-name.ts';
import { ndjsonLine, recordsToJson } from '../../src/records/json.ts';
import { recordsToXlsx, SHEET_NAME, xlsxText } from '../../src/records/xlsx.ts';

const course = {
  activityId: 'https://academy.example/gangway/courses/3.19',
  id: '3.19',
  number: '3.19',
  title: 'Ship Security Officer',
  edition: '2012',
};
const record = (overrides: Partial<CompletionRecord> = {}): CompletionRecord => ({
  learner: { name: 'Ana Reyes', id: 'PH-001' },
  organisation: 'MV Example Star',
  course,
  status: 'passed',
  completedAt: '2026-11-11T10:00:00.000Z',
  finalScore: 0.85,
  masteryScore: 0.7,
  attempts: 2,
  timeSpentSeconds: 1140,
  session: {
    id: 'https://academy.example/gangway/sessions/sso-a',
    title: 'SSO course, November A',
    registration: 'a0a0a0a0-1111-4111-8111-000000000001',
  },
  trainer: { name: 'Capt. Lim', id: 'T-LIM' },
  attendance: 'trainer-confirmed',
  ...overrides,
});

/** Names in Arabic, Chinese and accented Latin, and names that look like formulas. */
const NAMES = [
  'محمد العلي',
  '王芳',
  'José Martínez-Ibáñez',
  'Zoë Ødegård-Šimić',
  'Ngô Bảo Châu',
  '=HYPERLINK("http://evil.example","click")',
  '+1 555 0100',
  '-2+3',
  '@SUM(A1)',
  '\tTabbed',
  '\rReturned',
  'Bell\u0007 in a name',
  'Comma, "quoted"\nand a new line',
];

describe('columns', () => {
  it('have a stable order of headers', () => {
    expect(RECORD_COLUMNS.map((c) => c.header)).toEqual([
      'Learner name',
      'Learner id',
      'Organisation',
      'Course number',
      'Course title',
      'Edition',
      'Status',
      'Completion date (UTC)',
      'Final score (%)',
      'Mastery score (%)',
      'Final assessment attempts',
      'Time spent (h:mm)',
      'Session',
      'Session activity id',
      'Session registration',
      'Trainer name',
      'Trainer id',
      'Attendance',
      'Course activity id',
    ]);
  });

  it('write dates as ISO 8601 UTC, scores as percentages and time as h:mm', () => {
    expect(isoDateTime('2026-11-11T12:00:00.000+02:00')).toBe('2026-11-11T10:00:00Z');
    expect(isoDateTime(undefined)).toBe('');
    expect(percent(0.85)).toBe(85);
    expect(percent(0.925)).toBe(92.5);
    expect(percent(1 / 3)).toBe(33.3);
    expect(percent(undefined)).toBeUndefined();
    expect(hoursMinutes(0)).toBe('0:00');
    expect(hoursMinutes(1140)).toBe('0:19');
    expect(hoursMinutes(4200)).toBe('1:10');
    expect(hoursMinutes(90_061)).toBe('25:01');
  });
});

describe('CSV', () => {
  it('starts with a BOM, ends every line with CRLF and quotes per RFC 4180', () => {
    const csv = recordsToCsv([record()]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(quoteField('plain')).toBe('plain');
    expect(quoteField('a,b')).toBe('"a,b"');
    expect(quoteField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteField('two\nlines')).toBe('"two\nlines"');
    expect(parseCsv(csv)[1]).toEqual([
      'Ana Reyes',
      'PH-001',
      'MV Example Star',
      '3.19',
      'Ship Security Officer',
      '2012',
      'passed',
      '2026-11-11T10:00:00Z',
      '85',
      '70',
      '2',
      '0:19',
      'SSO course, November A',
      'https://academy.example/gangway/sessions/sso-a',
      'a0a0a0a0-1111-4111-8111-000000000001',
      'Capt. Lim',
      'T-LIM',
      'trainer-confirmed',
      'https://academy.example/gangway/courses/3.19',
    ]);
  });

  it('neutralises text cells a spreadsheet would run as formulas, and only those', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(neutraliseFormula(`${start}x`)).toBe(`'${start}x`);
    expect(neutraliseFormula('Ana')).toBe('Ana');
    expect(neutraliseFormula("'quoted")).toBe("'quoted");
    expect(csvLine(['-5', '-5'], [false, true])).toBe("-5,'-5\r\n");
    const rows = parseCsv(
      recordsToCsv([
        record({
          learner: { name: '=1+2', id: '@x' },
          organisation: '-MV',
          session: { id: '+s', title: '\tT', registration: '\rR' },
        }),
      ]),
    );
    expect(rows[1]?.slice(0, 3)).toEqual(["'=1+2", "'@x", "'-MV"]);
    expect(rows[1]?.slice(12, 15)).toEqual(["'\tT", "'+s", "'\rR"]);
    // A number column is never neutralised (it is not text a person typed).
    expect(rows[1]?.[8]).toBe('85');
  });

  it('round-trips Unicode and awkward names exactly (apart from the neutralising quote)', () => {
    const records = NAMES.map((name, i) =>
      record({ learner: { name, id: `L-${i}` }, trainer: { name, id: 'T' } }),
    );
    const csv = recordsToCsv(records);
    // As bytes: UTF-8 with the BOM EF BB BF in front, as Excel wants.
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = parseCsv(new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes));
    expect(back).toHaveLength(NAMES.length + 1);
    expect(back.slice(1).map((row) => row[0])).toEqual(
      NAMES.map((name) => neutraliseFormula(name)),
    );
    expect(back.slice(1).map((row) => row[15])).toEqual(
      NAMES.map((name) => neutraliseFormula(name)),
    );
  });

  it('refuses a CSV that ends inside a quoted field', () => {
    expect(() => parseCsv('"open')).toThrow('quoted field');
  });
});

/** Minutes in a spreadsheet duration (exceljs reads a time-formatted cell back as a Date). */
function minutesOf(value: unknown): number {
  if (value instanceof Date) return Math.round((value.getTime() - Date.UTC(1899, 11, 30)) / 60_000);
  return Math.round(Number(value) * 24 * 60);
}

describe('XLSX', () => {
  it('round-trips Unicode names and typed cells through exceljs', async () => {
    const records = NAMES.map((name, i) => record({ learner: { name, id: `L-${i}` } }));
    records.push(
      record({
        learner: { name: 'Wang', id: 'CN-3' },
        status: 'in progress',
        completedAt: undefined,
        finalScore: undefined,
        session: undefined,
        trainer: undefined,
        attendance: 'none',
        timeSpentSeconds: 90_061,
      }),
    );
    const bytes = await recordsToXlsx(records);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes);
    const sheet = workbook.getWorksheet(SHEET_NAME)!;
    expect(sheet.rowCount).toBe(records.length + 1);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(
      RECORD_COLUMNS.map((c) => c.header),
    );
    for (const [i, name] of NAMES.entries()) {
      const cell = sheet.getRow(i + 2).getCell(1);
      // Text is kept exactly and stored as a string: a spreadsheet never runs it as a formula.
      expect(cell.value).toBe(xlsxText(name));
      expect(cell.type).toBe(ExcelJS.ValueType.String);
    }
    const first = sheet.getRow(2);
    expect(first.getCell(8).value).toEqual(new Date('2026-11-11T10:00:00Z'));
    expect(first.getCell(8).numFmt).toBe('yyyy-mm-dd"T"hh:mm:ss"Z"');
    expect(first.getCell(9).value).toBe(85);
    expect(first.getCell(10).value).toBe(70);
    expect(first.getCell(11).value).toBe(2);
    expect(minutesOf(first.getCell(12).value)).toBe(19);
    expect(first.getCell(12).numFmt).toBe('[h]:mm');
    const last = sheet.getRow(records.length + 1);
    expect(xlsxText('bell\u0007 and \uD800 lone')).toBe('bell\uFFFD and \uFFFD lone');
    expect(xlsxText('a\r\nb\rc')).toBe('a\nb\nc');
    expect(last.getCell(7).value).toBe('in progress');
    expect(last.getCell(8).value).toBeNull();
    expect(last.getCell(9).value).toBeNull();
    expect(minutesOf(last.getCell(12).value)).toBe(25 * 60 + 1);
  });
});

describe('JSON and file names', () => {
  it('writes an array of records, or one record per NDJSON line', () => {
    const records = [record(), record({ learner: { name: '王芳', id: 'CN-3' } })];
    expect(JSON.parse(recordsToJson(records))).toEqual(records);
    const lines = records.map(ndjsonLine).join('').trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(records);
  });

  it('names files by course and day', () => {
    const day = new Date('2026-11-21T12:00:00Z');
    expect(exportFileName(['3.19'], 'csv', day)).toBe('gangway-records-3.19-2026-11-21.csv');
    expect(exportFileName([], 'xlsx', day)).toBe('gangway-records-all-courses-2026-11-21.xlsx');
    expect(exportFileName(['3.19', 'insider threat'], 'json', day)).toBe(
      'gangway-records-3.19_insider-threat-2026-11-21.json',
    );
  });
});
