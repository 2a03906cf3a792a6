/**
 * The printer and the parser share one notation table: every expression in
 * derivations/ (start lines, steps, definitions, hypotheses) prints to LaTeX
 * that parses back to the same tree.
 */
import * as path from 'path';
import * as fs from 'fs';
import { loadDerivationFile } from '../../src/semantics/load';
import { parseExpr } from '../../src/parse';
import { printLatex } from '../../src/emit/latex-expr';
import { exprKey } from '../../src/expr/equal';
import type { Expr } from '../../src/expr/types';

const DIR = path.join(__dirname, '..', '..', 'derivations');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

const cases = files.flatMap((f) => {
  const d = loadDerivationFile(path.join(DIR, f));
  const exprs: Expr[] = [
    ...d.chains.flatMap((c) => [c.start.expr, ...c.steps.map((s) => s.expr)]),
    ...[...d.ctx.definitions.values()].map((x) => x.body),
    ...[...d.hypotheses.values()].map((h) => h.statement),
  ];
  return exprs.map((e, i) => [d.id, i, e, d.ctx] as const);
});

test.each(cases)('%s expression %i survives print then parse', (_id, _i, e, ctx) => {
  const printed = printLatex(e);
  expect(exprKey(parseExpr(printed, ctx))).toBe(exprKey(e));
});
