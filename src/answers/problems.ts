/**
 * Splitting a whole homework into its problems by the labels the student
 * wrote (`Problem 1`, `3(a)`, `(b)`, `\text{2(a)}` before a row), so that each
 * problem can be checked against its own derivation.
 *
 * Strategy: the same reader as `rederive check` (extract.ts for the pieces,
 * lines.ts and prose.ts for the labels), and the same rule as the chain
 * splitter for a bare `(b)`: it continues the number of the label before it
 * (`3(a)` then `(b)` is `3(b)`). A problem's text is the file with every
 * piece of every other problem blanked (spaces, newlines kept), so line and
 * column numbers in its report are the file's own and display delimiters
 * stay balanced. Pieces before the first label belong to no problem.
 *
 * @example
 *   const { sections } = splitProblems(text, 'alice.md');
 *   checkAnswerText(problemText(text, sections[0]), 'alice.md', { derivation: 'mle-kl' });
 */
import { SourceFile } from './source';
import { extract } from './extract';
import { readRow } from './lines';
import { readProse } from './prose';
import { problemKey } from './rubric';

/** The pieces of one labelled problem. */
export interface ProblemSection {
  /** The first label as read (`Problem 3(a)`). */
  label: string;
  /** Its normal form (`3(a)`), see rubric.ts. */
  key: string;
  /** The line of its first label. */
  line: number;
  /** File offsets [start, end) of its pieces. */
  ranges: [number, number][];
}

/** An answer split into problems. */
export interface ProblemSplit {
  /** In the order they first appear; a label written twice is one section. */
  sections: ProblemSection[];
  /** File offsets of the pieces before the first label (graded with no problem). */
  unlabelled: [number, number][];
  /** Whether those pieces hold any mathematics (a row, an inline formula or an unread display). */
  unlabelledMath: boolean;
}

/**
 * Splits an answer into the problems its labels start.
 *
 * @example splitProblems('1(a)\n$$x = 1$$\n(b)\n$$y$$\n', 'a.md').sections.map((s) => s.key)   // ['1(a)', '1(b)']
 */
export function splitProblems(text: string, file: string): ProblemSplit {
  const src = new SourceFile(text, file);
  const out: ProblemSplit = { sections: [], unlabelled: [], unlabelledMath: false };
  let current: ProblemSection | null = null;
  let label: string | undefined;
  for (const p of extract(src)) {
    let found: string | undefined;
    let range: [number, number];
    let math = false;
    if (p.kind === 'unread') {
      range = [p.at, p.at + p.text.length];
      math = true;
    } else {
      range = [p.text.offset(0), p.text.offset(p.text.length)];
      if (p.kind === 'row') {
        found = readRow(p.text).label;
        math = true;
      } else {
        const l = readProse(p.text);
        found = l.label;
        math = !!l.row || /\$|\\\(/.test(p.text.text);
      }
    }
    if (found) {
      label = /^\([a-h]\)$/.test(found) && label ? `${label.replace(/\([a-h]\)$/, '')}${found}` : found;
      const key = problemKey(label);
      current = out.sections.find((s) => s.key === key) ?? null;
      if (!current) {
        current = { label, key, line: src.loc(range[0]).line, ranges: [] };
        out.sections.push(current);
      }
    }
    if (current) current.ranges.push(range);
    else {
      out.unlabelled.push(range);
      if (math) out.unlabelledMath = true;
    }
  }
  return out;
}

/**
 * The answer's text with everything but `keep` blanked: characters become
 * spaces, newlines stay, so positions are unchanged; the delimiters of
 * displays (outside every piece) stay too.
 *
 * @example problemText('a\nb\n', { ranges: [[2, 3]] }, [[0, 1], [2, 3]])   // ' \nb\n'
 */
export function problemText(text: string, keep: { ranges: readonly [number, number][] }, pieces: readonly [number, number][]): string {
  const chars = text.split('');
  const kept = new Uint8Array(text.length + 1);
  for (const [a, b] of keep.ranges) for (let i = a; i < b; i++) kept[i] = 1;
  const blank = (a: number, b: number) => {
    for (let i = a; i < b && i < chars.length; i++) if (!kept[i] && chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  };
  for (const [a, b] of pieces) blank(a, b);
  return chars.join('');
}

/**
 * Every piece's range of a split, for `problemText`'s `pieces`.
 *
 * @example problemText(text, split.sections[1], allPieces(split))
 */
export function allPieces(split: ProblemSplit): [number, number][] {
  return [...split.unlabelled, ...split.sections.flatMap((s) => s.ranges)];
}
