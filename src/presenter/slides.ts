/**
 * Turns a rendered lesson body into slides for presenter mode, and maps slide numbers to URL
 * hashes and keys to presenter actions. Pure: the pages render the HTML, this only reshapes it.
 *
 * A slide starts at every top-level `<h2>` (a Markdown `##` section) and at every top-level block
 * whose first element is an `<h2>` (such as the KeyPoints box). `<InstructorNotes>` asides are
 * taken out of the slides and kept beside them, for the notes panel and the second screen.
 */
import { parseFragment, serializeOuter, type DefaultTreeAdapterTypes } from 'parse5';

type Node = DefaultTreeAdapterTypes.ChildNode;
type Element = DefaultTreeAdapterTypes.Element;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

/** One section of a lesson body, ready to be shown as a slide. */
export interface LessonSection {
  /** The `<h2>` text, or `null` for what comes before the first `<h2>`. */
  title: string | null;
  /** The section's HTML without its instructor notes. */
  html: string;
  /** The inner HTML of each `<InstructorNotes>` aside found in the section, in order. */
  notes: string[];
}

/** Blocks that may open a slide when their first element is an `<h2>`. */
const SECTION_BLOCKS = new Set(['section', 'aside', 'div', 'article']);

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function hasClass(element: Element, name: string): boolean {
  const value = element.attrs.find((a) => a.name === 'class')?.value ?? '';
  return value.split(/\s+/).includes(name);
}

function firstElementChild(element: Element): Element | undefined {
  return element.childNodes.find(isElement);
}

/** The heading that makes `node` open a new slide, if it does. */
function slideHeading(node: Node): Element | undefined {
  if (!isElement(node)) return undefined;
  if (node.tagName === 'h2') return node;
  if (!SECTION_BLOCKS.has(node.tagName)) return undefined;
  const first = firstElementChild(node);
  return first?.tagName === 'h2' ? first : undefined;
}

/** The text of a node and everything in it, with runs of white space collapsed. */
function textOf(node: Node): string {
  const collect = (n: Node): string => {
    if (n.nodeName === '#text') return (n as DefaultTreeAdapterTypes.TextNode).value;
    if ('childNodes' in n) return n.childNodes.map(collect).join('');
    return '';
  };
  return collect(node).replace(/\s+/g, ' ').trim();
}

/** Whether a node shows anything (white space and comments do not). */
function isVisible(node: Node): boolean {
  if (node.nodeName === '#comment') return false;
  if (node.nodeName === '#text') return textOf(node) !== '';
  return true;
}

/** Removes instructor-notes asides below `parent` and returns their inner HTML. */
function takeNotes(parent: ParentNode): string[] {
  const notes: string[] = [];
  parent.childNodes = parent.childNodes.filter((child) => {
    if (!isElement(child)) return true;
    if (hasClass(child, 'instructor-notes')) {
      notes.push(
        child.childNodes
          .filter((n) => !(isElement(n) && hasClass(n, 'label')))
          .map((n) => serializeOuter(n))
          .join('')
          .trim(),
      );
      return false;
    }
    notes.push(...takeNotes('content' in child ? child.content : child));
    return true;
  });
  return notes;
}

/** Whether a link target is relative to the page (`../next/`, `figure.png`), not to the site. */
function isPageRelative(url: string): boolean {
  return url !== '' && !/^([a-z][a-z0-9+.-]*:|\/|#|\?)/i.test(url);
}

/** Rewrites page-relative `href` and `src` attributes below `parent` against `pageUrl`. */
function resolveLinks(parent: ParentNode, pageUrl: string): void {
  for (const child of parent.childNodes) {
    if (!isElement(child)) continue;
    for (const attr of child.attrs) {
      if ((attr.name === 'href' || attr.name === 'src') && isPageRelative(attr.value)) {
        const resolved = new URL(attr.value, `http://site${pageUrl}`);
        attr.value = `${resolved.pathname}${resolved.search}${resolved.hash}`;
      }
    }
    resolveLinks('content' in child ? child.content : child, pageUrl);
  }
}

/**
 * Splits a rendered lesson body into sections at its `<h2>` boundaries. The first section has a
 * `null` title when the body has content before its first `<h2>`; empty sections are dropped.
 * Page-relative links are made site-absolute against `lessonUrl`, because the slides are shown
 * on another page (`…/present/`) than the one they were written for.
 */
export function splitLessonHtml(html: string, lessonUrl = '/'): LessonSection[] {
  const fragment = parseFragment(html);
  resolveLinks(fragment, lessonUrl);
  const groups: { title: string | null; nodes: Node[] }[] = [{ title: null, nodes: [] }];
  for (const node of fragment.childNodes) {
    const heading = slideHeading(node);
    if (heading) groups.push({ title: textOf(heading), nodes: [] });
    groups.at(-1)?.nodes.push(node);
  }
  return groups
    .filter((group) => group.nodes.some(isVisible))
    .map(({ title, nodes }) => {
      const holder = parseFragment('');
      holder.childNodes = nodes;
      for (const node of nodes) if ('parentNode' in node) node.parentNode = holder;
      const notes = takeNotes(holder).filter((n) => n !== '');
      const body = holder.childNodes
        .filter(isVisible)
        .map((n) => serializeOuter(n))
        .join('\n');
      return { title, html: body, notes };
    })
    .filter((section) => section.title !== null || section.html !== '' || section.notes.length);
}

/** The URL hash of a slide (`index` counts from 0; the hash from 1, as the counter does). */
export function slideHash(index: number): string {
  return `#slide-${index + 1}`;
}

/** Keeps a slide index inside a deck of `count` slides. */
export function clampSlide(index: number, count: number): number {
  if (count <= 0 || !Number.isFinite(index)) return 0;
  return Math.min(Math.max(Math.trunc(index), 0), count - 1);
}

/** The slide (from 0) a URL hash such as `#slide-3` names; the first slide for anything else. */
export function slideFromHash(hash: string, count: number): number {
  const match = /^#slide-(\d{1,6})$/.exec(hash);
  return match ? clampSlide(Number(match[1]) - 1, count) : 0;
}

/** What the presenter can do, by keyboard or with the toolbar buttons. */
export type PresenterAction =
  | 'next'
  | 'previous'
  | 'first'
  | 'last'
  | 'toggle-notes'
  | 'toggle-timetable'
  | 'fullscreen'
  | 'help'
  | 'exit';

/** The keys of presenter mode, for the "?" overlay and the documentation. */
export const PRESENTER_KEYS: readonly { keys: string[]; action: string }[] = [
  { keys: ['→', 'Page Down', 'Space'], action: 'Next slide' },
  { keys: ['←', 'Page Up', 'Shift + Space'], action: 'Previous slide' },
  { keys: ['Home', 'End'], action: 'First or last slide' },
  { keys: ['N'], action: 'Show or hide the instructor notes' },
  { keys: ['T'], action: 'Show or hide the timetable and clock' },
  { keys: ['F'], action: 'Full screen on or off' },
  { keys: ['?'], action: 'This list of keys' },
  { keys: ['Esc'], action: 'Leave presenter mode (back to the lesson page)' },
];

/** A key press as far as {@link actionForKey} needs it (a subset of `KeyboardEvent`). */
export interface KeyPress {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

/** The presenter action a key press asks for, or `null` for keys presenter mode leaves alone. */
export function actionForKey(press: KeyPress): PresenterAction | null {
  // Browser and system shortcuts (Ctrl+R, Alt+←, …) keep their meaning.
  if (press.ctrlKey || press.altKey || press.metaKey) return null;
  switch (press.key) {
    case 'ArrowRight':
    case 'PageDown':
      return 'next';
    case ' ':
    case 'Spacebar':
      return press.shiftKey ? 'previous' : 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'n':
    case 'N':
      return 'toggle-notes';
    case 't':
    case 'T':
      return 'toggle-timetable';
    case 'f':
    case 'F':
      return 'fullscreen';
    case '?':
      return 'help';
    case 'Escape':
      return 'exit';
    default:
      return null;
  }
}

/** The slide an action moves to from `current` in a deck of `count`, or `null` if it does not move. */
export function slideAfter(action: PresenterAction, current: number, count: number): number | null {
  switch (action) {
    case 'next':
      return clampSlide(current + 1, count);
    case 'previous':
      return clampSlide(current - 1, count);
    case 'first':
      return 0;
    case 'last':
      return clampSlide(count - 1, count);
    default:
      return null;
  }
}

/** One slide of a presenter deck. */
export interface Slide {
  /**
   * The opening slide (title and objectives), the lesson's text before its first section, a
   * section of the lesson, or the closing slide.
   */
  kind: 'title' | 'lead' | 'section' | 'end';
  /** Shown in the notes window and announced on change. */
  title: string;
  /** The slide's HTML (lesson text only; the page draws the title and closing slides itself). */
  html: string;
  /** Instructor notes for this slide (inner HTML of the lesson's `<InstructorNotes>`). */
  notes: string[];
}

/** The title of the slide with the lesson's text before its first section. */
export const LEAD_SLIDE_TITLE = 'Introduction';

/** The deck of a lesson: the title slide, one slide per section, and the closing slide. */
export function buildDeck(
  lessonTitle: string,
  sections: LessonSection[],
  endTitle: string,
): Slide[] {
  return [
    { kind: 'title', title: lessonTitle, html: '', notes: [] },
    ...sections.map((section) => ({
      kind: section.title === null ? ('lead' as const) : ('section' as const),
      title: section.title ?? LEAD_SLIDE_TITLE,
      html: section.html,
      notes: section.notes,
    })),
    { kind: 'end', title: endTitle, html: '', notes: [] },
  ];
}

/** A run of question text, emphasised or not. */
export interface TextRun {
  text: string;
  emphasis: boolean;
}

/**
 * Splits question text written with Markdown emphasis (`*security*`) into runs, so a slide can
 * show the emphasis instead of the asterisks while rendering the text as text.
 */
export function emphasisRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  for (const match of text.matchAll(/\*([^*\s](?:[^*]*[^*\s])?)\*/g)) {
    if (match.index > last) runs.push({ text: text.slice(last, match.index), emphasis: false });
    runs.push({ text: match[1] ?? '', emphasis: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), emphasis: false });
  return runs;
}
