/**
 * Safe output (src/emit/safe-write.ts, src/cli/errors.ts): every write
 * replaces only a regular file or a missing path; a FIFO, a device, a
 * symbolic link and a folder are refused without being opened; a full disk,
 * a read-only folder, a name too long and a path through a file each end in
 * one line and leave no temporary file; temporary files left by a killed
 * process are removed by the next write. All on paths the test makes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync, spawnSync } from 'child_process';
import { writeFileSafely, UnsafeTargetError, sweepStaleTemporaries, makeFolder, io } from '../../src/emit/safe-write';
import { fsErrorMessage, reportFailure, userError } from '../../src/cli/errors';
import { answerFiles } from '../../src/cli/grade';
import { build } from '../../src/cli/build';
import { newDerivation } from '../../src/cli/new';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rederive-output-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The entries of `d` that look like temporary files. */
const temporaries = (d: string) => fs.readdirSync(d).filter((n) => /\.tmp-\d+/.test(n));

/** Captures standard error while `f` runs. */
function stderrOf(f: () => void): string {
  let err = '';
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    f();
  } finally {
    spy.mockRestore();
  }
  return err;
}

function canRun(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

describe('targets that are not regular files are refused, untouched', () => {
  test('a FIFO: refused at once (never opened, so nothing waits for a writer)', () => {
    const fifo = path.join(dir, 'page.html');
    execFileSync('mkfifo', [fifo]);
    const t0 = Date.now();
    expect(() => writeFileSafely(fifo, 'x')).toThrow(UnsafeTargetError);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
    expect(() => writeFileSafely(fifo, 'x')).toThrow(/refusing to write .*page\.html: it is a FIFO/);
  });

  test('a device node made by the test (a copy of /dev/null\'s numbers): refused, still a device', () => {
    const dev = path.join(dir, 'null');
    if (!canRun('mknod', [dev, 'c', '1', '3'])) {
      // without mknod rights the case cannot be built; the FIFO above covers "never opened"
      expect(fs.existsSync(dev)).toBe(false);
      return;
    }
    expect(() => writeFileSafely(dev, 'x')).toThrow(/it is a device/);
    expect(fs.lstatSync(dev).isCharacterDevice()).toBe(true);
  });

  test('a symbolic link: refused; neither the link nor what it points to changes', () => {
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'precious');
    const link = path.join(dir, 'out.csv');
    fs.symlinkSync(victim, link);
    expect(() => writeFileSafely(link, 'x')).toThrow(/it is a symbolic link/);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
  });

  test('a folder: refused, its files kept', () => {
    const folder = path.join(dir, 'results.json');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'keep'), 'k');
    expect(() => writeFileSafely(folder, 'x')).toThrow(/it is a folder/);
    expect(fs.readFileSync(path.join(folder, 'keep'), 'utf8')).toBe('k');
  });

  test('a regular file is replaced whole; the same bytes again leave it alone', () => {
    const f = path.join(dir, 'a.html');
    fs.writeFileSync(f, 'old');
    expect(writeFileSafely(f, 'new', { ifChanged: true })).toBe('written');
    expect(fs.readFileSync(f, 'utf8')).toBe('new');
    expect(writeFileSafely(f, 'new', { ifChanged: true })).toBe('unchanged');
    expect(temporaries(dir)).toEqual([]);
  });
});

describe('filesystem errors: one line, nothing half-written, no temporary file behind', () => {
  test('a name too long (ENAMETOOLONG)', () => {
    const f = path.join(dir, `${'a'.repeat(300)}.tex`);
    let err: unknown;
    try {
      writeFileSafely(f, 'x');
    } catch (e) {
      err = e;
    }
    expect((err as NodeJS.ErrnoException).code).toBe('ENAMETOOLONG');
    const msg = userError(err)!.message;
    expect(msg).toMatch(/^cannot write .*\.tex: the name is too long for the file system \(ENAMETOOLONG\)$/);
    expect(temporaries(dir)).toEqual([]);
  });

  test('a path through a file (ENOTDIR), and the folder of a build that is a file', () => {
    const file = path.join(dir, 'plain');
    fs.writeFileSync(file, 'x');
    let err: unknown;
    try {
      writeFileSafely(path.join(file, 'x.html'), 'y');
    } catch (e) {
      err = e;
    }
    expect(userError(err)!.message).toMatch(/^cannot write .*plain.*: a part of the path is a file, not a folder \(ENOTDIR\)$/);
    expect(() => build({ ids: [], out: file, derivations: 'derivations', rules: 'rules', seed: 1 })).toThrow(/--out .*plain is not a folder/);
  });

  test('a path Node\'s recursive mkdir would spin on (/proc/self/…) fails at once', () => {
    const t0 = Date.now();
    expect(() => makeFolder('/proc/self/rederive-test/x')).toThrow(/ENOENT|EACCES|EPERM/);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  test('a full disk (ENOSPC, injected while the temporary file is written): old target kept, temporary removed', () => {
    const f = path.join(dir, 'rules.html');
    fs.writeFileSync(f, 'old complete page');
    const real = io.writeFileSync;
    io.writeFileSync = (file, data, opts) => {
      real(file, data.subarray(0, 3), opts); // a partial temporary file
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    };
    let err: unknown;
    try {
      writeFileSafely(f, 'new page, longer');
    } catch (e) {
      err = e;
    } finally {
      io.writeFileSync = real;
    }
    expect(userError(err)!.message).toBe(`cannot write ${f}: no space left on the device (the disk is full) (ENOSPC)`);
    expect(fs.readFileSync(f, 'utf8')).toBe('old complete page');
    expect(temporaries(dir)).toEqual([]);
  });

  /** Mounts a 16 KB tmpfs on `target` (a folder this test made, never a shared one); false when mounting is not allowed. */
  const mountSmall = (target: string) => process.getuid?.() === 0 && canRun('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', target]);
  test('a real full disk (a 16 KB tmpfs) and a real read-only folder (a read-only bind mount), when mounting is allowed', () => {
    const small = path.join(dir, 'small');
    fs.mkdirSync(small);
    if (!mountSmall(small)) {
      // no mount rights here: the injected ENOSPC above covers the full disk
      expect(fs.readdirSync(small)).toEqual([]);
      return;
    }
    try {
      fs.writeFileSync(path.join(small, 'a.html'), 'complete');
      let err: unknown;
      try {
        writeFileSafely(path.join(small, 'a.html'), 'x'.repeat(200_000));
      } catch (e) {
        err = e;
      }
      expect(userError(err)!.message).toMatch(/^cannot write .*a\.html: no space left on the device/);
      expect(fs.readFileSync(path.join(small, 'a.html'), 'utf8')).toBe('complete');
      expect(temporaries(small)).toEqual([]);
    } finally {
      execFileSync('umount', [small]);
    }
    const ro = path.join(dir, 'ro');
    fs.mkdirSync(ro);
    fs.writeFileSync(path.join(ro, 'b.csv'), 'kept');
    if (!canRun('mount', ['--bind', '-o', 'ro', ro, ro])) return;
    try {
      let err: unknown;
      try {
        writeFileSafely(path.join(ro, 'b.csv'), 'new');
      } catch (e) {
        err = e;
      }
      expect(userError(err)!.message).toBe(`cannot write ${path.join(ro, 'b.csv')}: the file system is read-only (EROFS)`);
      expect(fs.readFileSync(path.join(ro, 'b.csv'), 'utf8')).toBe('kept');
    } finally {
      execFileSync('umount', [ro]);
    }
    expect(temporaries(ro)).toEqual([]);
  });

  test('EROFS, EACCES and EEXIST read as one line each', () => {
    for (const [code, words] of [['EROFS', 'read-only'], ['EACCES', 'permission denied'], ['EEXIST', 'already exists']]) {
      const e = Object.assign(new Error(`${code}: x`), { code, syscall: 'open', writing: true, target: 'out/x.html' });
      expect(fsErrorMessage(e)).toMatch(new RegExp(`^cannot write out/x\\.html: .*${words}.* \\(${code}\\)$`));
    }
  });
});

describe('temporary files left by a killed process', () => {
  test('are removed by the next write into that folder; a live process\'s are kept', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    fs.writeFileSync(path.join(dir, `index.html.tmp-${deadPid}`), 'half');
    fs.writeFileSync(path.join(dir, `rules.html.tmp-${deadPid}-3`), 'half');
    fs.writeFileSync(path.join(dir, `live.html.tmp-${process.pid}-99`), 'mine');
    fs.writeFileSync(path.join(dir, 'notes.tmp-x'), 'not a temporary of ours');
    writeFileSafely(path.join(dir, 'index.html'), 'complete');
    expect(fs.readdirSync(dir).sort()).toEqual(['index.html', `live.html.tmp-${process.pid}-99`, 'notes.tmp-x'].sort());
    expect(sweepStaleTemporaries(dir)).toEqual([]); // once per folder
  });

  test('a SIGTERM arriving during a write: the process ends by the signal, with no temporary file and no half target', () => {
    // the compiled writer is needed for a child process; without dist/ the case is covered by the sweep above
    const compiled = path.join(__dirname, '..', '..', 'dist', 'emit', 'safe-write.js');
    if (!fs.existsSync(compiled)) return expect(temporaries(dir)).toEqual([]);
    const child = spawnSync(process.execPath, ['-e', `
      const { writeFileSafely, io } = require(${JSON.stringify(compiled)});
      io.renameSync = () => { process.kill(process.pid, 'SIGTERM'); const t = Date.now(); while (Date.now() - t < 200) {} throw new Error('unreachable'); };
      try { writeFileSafely(${JSON.stringify(path.join(dir, 'x.html'))}, 'data'); } catch (e) { /* SIGTERM is handled at the next tick */ }
      setTimeout(() => process.exit(7), 2000);
    `], { encoding: 'utf8', timeout: 10000 });
    expect(child.signal ?? child.status).toBe('SIGTERM');
    expect(temporaries(dir)).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'x.html'))).toBe(false);
  });
});

describe('grade does not follow links out of its folder', () => {
  test('a link to a file outside is skipped and listed; a link inside is graded; a FIFO is skipped', () => {
    const answers = path.join(dir, 'answers');
    fs.mkdirSync(answers);
    const secret = path.join(dir, 'secret.md');
    fs.writeFileSync(secret, '$$x = 1$$');
    fs.writeFileSync(path.join(answers, 'alice.md'), '$$x = x$$');
    fs.symlinkSync(secret, path.join(answers, 'mallory.md'));
    fs.symlinkSync(path.join(answers, 'alice.md'), path.join(answers, 'alias.md'));
    execFileSync('mkfifo', [path.join(answers, 'pipe.md')]);
    const skipped: string[] = [];
    expect(answerFiles(answers, false, skipped)).toEqual(['alias.md', 'alice.md']);
    expect(skipped.sort()).toEqual(['mallory.md', 'pipe.md']);
  });
});

test('new: an id of 300 characters is refused in one line before any file is made', () => {
  expect(() => newDerivation({ id: 'a'.repeat(300), derivations: dir })).toThrow(/^id "a{40}…" is 300 characters long; an id names a file and has at most 100$/);
  expect(fs.readdirSync(dir)).toEqual([]);
});

describe('internal errors are reported as such', () => {
  test('exit 3 with "this is a Rederive bug", no stack trace; user errors exit 2', () => {
    let code = 0;
    const err = stderrOf(() => {
      code = reportFailure(new TypeError('cannot read properties of undefined'), 'answers/a.md');
    });
    expect(code).toBe(3);
    expect(err).toBe('rederive: internal error: TypeError: cannot read properties of undefined\nthis is a Rederive bug; please report it with this file (answers/a.md) and the command you ran\n');
    const overflow = stderrOf(() => {
      code = reportFailure(new RangeError('Maximum call stack size exceeded'));
    });
    expect(code).toBe(3);
    expect(overflow).not.toMatch(/\n\s+at /);
    const user = stderrOf(() => {
      code = reportFailure(Object.assign(new Error('ENOENT'), { code: 'ENOENT', syscall: 'open', path: 'nope.md' }));
    });
    expect([code, user]).toEqual([2, 'rederive: cannot read nope.md: no such file or folder (ENOENT)\n']);
  });
});
