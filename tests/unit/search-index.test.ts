import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/search/build-search-index.ts';
import { lessonText, refTokens } from '../../src/search/plain-text.ts';
import { loadSearchIndex, runSearch } from '../../src/search/run-search.ts';

const documents = [
  {
    url: '/courses/3.27/m2/01-levels/',
    title: 'Security levels and what they mean for you',
    course: '3.27 Security awareness',
    summary: 'Levels 1 to 3.',
    objectives: ['Describe the three security levels'],
    body: 'The ship may move to a higher level <Ref code="ISPS A/2.1.10" />.\n\n## Level 2 on board\n\n<Scenario title="Stores at level 2">Text</Scenario>',
  },
  {
    url: '/courses/3.19/m3/02-duties/',
    title: 'Duties of the ship security officer',
    course: '3.19 Ship Security Officer',
    summary: 'What the SSO does.',
    objectives: ['List the duties of the SSO'],
    body: 'The duties are listed in the Code <Ref code="ISPS A/12.2" />. **Regular inspections** matter.',
  },
];
const loaded = loadSearchIndex(JSON.parse(JSON.stringify(buildSearchIndex(documents))));

describe('search', () => {
  it('finds a lesson by topic words', () => {
    expect(runSearch(loaded, 'security level')[0]?.url).toBe('/courses/3.27/m2/01-levels/');
  });

  it('finds a lesson by a regulation code, whole or by paragraph', () => {
    expect(runSearch(loaded, 'A/12.2')[0]?.url).toBe('/courses/3.19/m3/02-duties/');
    expect(runSearch(loaded, '12.2')[0]?.url).toBe('/courses/3.19/m3/02-duties/');
  });

  it('names the matching section and shows course and snippet', () => {
    const [hit] = runSearch(loaded, 'board');
    expect(hit).toMatchObject({
      c: '3.27 Security awareness',
      s: 'Levels 1 to 3.',
      section: 'Level 2 on board',
    });
  });

  it('does not fail on text that is not lunr query syntax', () => {
    expect(() => runSearch(loaded, 'level: ~^')).not.toThrow();
    expect(runSearch(loaded, '   ')).toEqual([]);
  });

  it('keeps no term positions in the index', () => {
    const json = JSON.stringify(buildSearchIndex(documents));
    expect(json).not.toContain('"position"');
    expect(gzipSync(json).length).toBeLessThan(json.length);
  });
});

describe('lesson text for search', () => {
  it('extracts headings, cited codes and plain words from MDX', () => {
    const { headings, refs, text } = lessonText(documents[1]?.body ?? '');
    expect(headings).toEqual([]);
    expect(refs).toEqual(['ISPS A/12.2']);
    expect(text).toBe(
      'The duties are listed in the Code ISPS A/12.2 . Regular inspections matter.',
    );
  });

  it('adds the paragraph part of a code as its own token', () => {
    expect(refTokens('ISPS A/12.2')).toEqual(['ISPS A/12.2', '12.2']);
    expect(refTokens('SOLAS XI-2/6')).toEqual(['SOLAS XI-2/6', '6']);
  });
});
