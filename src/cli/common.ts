/**
 * What every command shares: loading rules (refusing false ones), loading
 * derivations (refusing duplicate ids), and messages on standard error.
 *
 * @example
 *   const rules = loadCheckedRules('rules');
 */
import * as fs from 'fs';
import { escapeControls } from '../emit/escape';
import { loadDerivationFile } from '../semantics/load';
import { checkUniqueIds } from '../semantics/validate';
import { loadRules, Rule } from '../semantics/rules';
import { recordSelfCheck } from '../check/symbolic/rulebase';
import { selfCheckRulesCached } from '../check/rule-cache';
import { locate, derivationFiles } from './files';
import type { Derivation } from '../semantics/derivation';

/** A failure the user must fix (exit 2). */
export class UsageError extends Error {}

export function loadCheckedRules(dir: string): Map<string, Rule> {
  const rules = loadRules(locate(dir));
  const checks = selfCheckRulesCached(rules);
  checks.forEach((c) => recordSelfCheck(c.rule, c.status));
  const bad = checks.filter((c) => c.status === 'false');
  if (bad.length) throw new UsageError(`refusing false rules:\n${bad.map((b) => `  ${b.message}`).join('\n')}`);
  return rules;
}

export function loadAll(dir: string, rules: Map<string, Rule>, ids: string[]): Derivation[] {
  const files = derivationFiles(locate(dir));
  if (!files.length) throw new UsageError(`no derivation files (*.yaml) in ${dir}`);
  const all = files.map((f) => loadDerivationFile(f, new Set(rules.keys())));
  checkUniqueIds(all, (f) => fs.readFileSync(f, 'utf8'));
  if (!ids.length) return all;
  return ids.map((id) => {
    const d = all.find((x) => x.id === id);
    if (!d) throw new UsageError(`no derivation "${id}" (have: ${all.map((x) => x.id).join(', ')})`);
    return d;
  });
}

/** A message on standard error; control characters from input in it are shown escaped (emit/escape.ts). */
export function log(msg: string): void {
  process.stderr.write(escapeControls(msg) + '\n');
}

