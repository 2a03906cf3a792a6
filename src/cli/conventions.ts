/**
 * What every command line tool is expected to do before any command runs:
 * `--version` (and `-V`) prints the version; a first word that is not a
 * command is refused with the list of commands and the nearest one ("did
 * you mean"). Checked before yargs sees the arguments, so neither prints
 * yargs' own messages.
 *
 * @example
 *   preflight(['--version'])     // { exit: 0, out: '0.1.0\n' }
 *   preflight(['biuld'])         // { exit: 2, err: 'rederive: unknown command "biuld"; did you mean "build"? …' }
 *   preflight(['build'])         // null: run the command
 */
import * as fs from 'fs';
import * as path from 'path';
import { suggest } from '../semantics/declarations';
import { PACKAGE_ROOT } from './files';

/** The commands, in the order help lists them. */
export const COMMANDS = ['build', 'check', 'grade', 'init', 'list', 'new', 'rules'] as const;

/** The package's version (package.json). */
export function version(): string {
  return (JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** What to do instead of running a command, or null to run it. */
export function preflight(args: readonly string[]): { exit: number; out?: string; err?: string } | null {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) return { exit: 0, out: `${version()}\n` };
  const first = args[0];
  if (first === undefined || first.startsWith('-') || (COMMANDS as readonly string[]).includes(first)) return null;
  const near = suggest(first, COMMANDS);
  return {
    exit: 2,
    err: `rederive: unknown command "${first}"${near ? `; did you mean "${near}"?` : ''}\n`
      + `commands: ${COMMANDS.join(', ')} (rederive <command> --help)\n`,
  };
}
