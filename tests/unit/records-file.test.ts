import { describe, expect, it } from 'vitest';
import { statementProblems } from '../../src/lrs/xapi/validate-statement.ts';
import {
  essentialStatementProblems,
  parseRecordsFile,
  RecordsFileError,
} from '../../src/records/records-file.ts';
import { learnerStatements, recordsFileText } from '../support/learner-records.ts';

describe('a learner records file', () => {
  it('reads the file "Download my records" saves, keeping every statement and its id', () => {
    const statements = learnerStatements('PH-1');
    const file = parseRecordsFile(`\uFEFF${recordsFileText(statements)}`);
    expect(file.learner).toEqual({
      name: 'Ana Reyes',
      traineeId: 'PH-1',
      organisation: 'MV Example',
    });
    expect(file.exportedAt).toBe('2026-11-21T10:00:00.000Z');
    expect(file.statements).toEqual(statements);
    expect(file.refused).toEqual([]);
    expect([...file.positions.values()]).toEqual([1, 2, 3]);
  });

  it('refuses a file that is not JSON', () => {
    expect(() => parseRecordsFile('<html>', 'records.json')).toThrow(RecordsFileError);
    expect(() => parseRecordsFile('<html>', 'records.json')).toThrow(
      /^records\.json is not a Gangway records file: it is not JSON/,
    );
  });

  it('refuses JSON that is not a records file, or of another version', () => {
    expect(() => parseRecordsFile('[1, 2]', 'a.json')).toThrow(
      /a\.json is not a Gangway records file: it is JSON, but not an object/,
    );
    const statements = learnerStatements('PH-1');
    expect(() => parseRecordsFile(JSON.stringify({ statements }), 'b.json')).toThrow(
      /b\.json is not a Gangway records file: it is JSON, but has no "format": "gangway-learner-records"/,
    );
    const v2 = recordsFileText(statements).replace('"version": 1', '"version": 2');
    expect(() => parseRecordsFile(v2, 'c.json')).toThrow(
      /c\.json is a Gangway records file of version 2; this Gangway reads version 1/,
    );
    const broken = JSON.stringify({
      format: 'gangway-learner-records',
      version: 1,
      statements: {},
    });
    expect(() => parseRecordsFile(broken, 'd.json')).toThrow(
      /d\.json is damaged: its "statements" is not a list/,
    );
  });

  it('refuses one invalid statement with its number and reason and keeps the others', () => {
    const [first, second, third] = learnerStatements('PH-1');
    const badVerb = { ...second!, verb: { id: 'not an iri' } };
    const noId = { ...third!, id: undefined };
    const file = parseRecordsFile(
      recordsFileText([first, badVerb, noId, 'text']),
      'a.json',
      statementProblems,
    );
    expect(file.statements).toEqual([first]);
    expect(file.refused).toEqual([
      {
        number: 2,
        id: second!.id,
        reason: expect.stringMatching(/^statement 2 is invalid: .*verb\.id/),
      },
      {
        number: 3,
        reason:
          'statement 3 is invalid: it has no statement id (a UUID); imported statements keep the id made on the device',
      },
      { number: 4, reason: 'statement 4 is invalid: it is not a JSON object' },
    ]);
  });

  it('keeps one copy of a statement listed twice, and refuses two different statements with one id', () => {
    const [first, second] = learnerStatements('PH-1');
    const clash = { ...second!, id: first!.id };
    const file = parseRecordsFile(recordsFileText([first, first, clash]));
    expect(file.statements).toEqual([first]);
    expect(file.refused.map((r) => r.reason)).toEqual([
      `statement 3 is invalid: another statement in this file has the same id ${first!.id}`,
    ]);
  });

  it('checks the essentials where the full validator cannot run (the browser)', () => {
    const [good] = learnerStatements('PH-1');
    expect(essentialStatementProblems(good)).toEqual([]);
    expect(statementProblems(good)).toEqual([]);
    const broken = [
      [{ ...good, actor: { name: 'no id' } }, 'statement.actor: must have exactly one identifier'],
      [{ ...good, actor: { account: { name: 'x' } } }, 'statement.actor.account: needs a homePage'],
      [{ ...good, verb: { id: 'answered' } }, 'statement.verb.id: must be an IRI'],
      [{ ...good, object: { id: 'lesson 1' } }, 'statement.object.id: must be an IRI'],
      [{ ...good, object: undefined }, 'statement.object: is missing'],
      [{ ...good, timestamp: 'yesterday' }, 'statement.timestamp: must be an ISO 8601'],
    ] as const;
    for (const [statement, problem] of broken) {
      expect(essentialStatementProblems(statement).join(' ')).toContain(problem);
      // The full validator refuses each of them too.
      expect(statementProblems(statement)).not.toEqual([]);
    }
  });
});
