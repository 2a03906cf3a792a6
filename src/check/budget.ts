/**
 * A budget per step: the symbolic prover and the numeric tester are metered,
 * and a step that needs more than its budget ends `unknown` ("too large to
 * decide within the limit (…)") instead of hanging the command.
 *
 * Strategy: one ambient meter (checking is synchronous and single-threaded,
 * so a module-level "current meter" is exact and costs no parameter plumbing).
 * The loops that can grow — term products in the normal form, quadrature
 * grids, Hermite rules, finite differences, sampling and root-search loops —
 * call `charge(ops, what)`. A meter counts operations (deterministic: the same
 * input runs out at the same point on any machine) and also carries a
 * deadline in CPU time as a backstop (CPU, not wall, time: a loaded machine
 * must not change verdicts) (read at most every `CLOCK_EVERY` ops or
 * `CLOCK_TICKS` charges, so metering costs nothing measurable). Past either
 * limit `charge` throws `BudgetExceeded`, which the step checker turns into an
 * `unknown` verdict. `phase` opens a nested meter: its limits are the smaller
 * of its own share and what is left of the enclosing meter, and the ops it
 * spent are charged to the enclosing one when it ends. With no meter open,
 * `charge` returns at once (work outside a step is unmetered).
 *
 * The defaults live in `DEFAULT_STEP_BUDGET`, in one place.
 *
 * @example
 *   const r = phase('numeric test', { ms: 500, ops: 2e7 }, () => expensive());
 *   // throws BudgetExceeded('numeric test', 'quadrature grid', …) if expensive() charges past 2e7 ops or 500 ms
 */

/** Limits of one step (or one phase of it). */
export interface Budget {
  /** Milliseconds of CPU time (of elapsed time where there is no CPU clock). */
  ms: number;
  /** Metered operations (integrand evaluations, term products, samples). */
  ops: number;
}

/**
 * The default budget of one step: 1.5 s of CPU time, so that with the work
 * outside the meters any single step answers within 2 s on an idle machine;
 * and an operation count (0.1–1 µs each on the development machine) far
 * above what the largest step of the ten derivations and the answer corpus
 * uses (`npm run bench` prints the largest).
 */
export const DEFAULT_STEP_BUDGET: Readonly<Budget> = Object.freeze({ ms: 1500, ops: 2e7 });

let configured: Budget = { ...DEFAULT_STEP_BUDGET };

/**
 * Sets the budget of every step checked from now on in this process (a CLI
 * option such as `--step-timeout`, a benchmark); fields left out keep their
 * default. Returns the budget that was in force, to restore it.
 *
 * @example const saved = setStepBudget({ ms: 5000 }); try { … } finally { setStepBudget(saved); }
 */
export function setStepBudget(b: Partial<Budget>): Budget {
  const saved = configured;
  configured = { ...DEFAULT_STEP_BUDGET, ...b };
  return saved;
}

/** The budget a step gets when its input names none. */
export function stepBudget(): Budget {
  return configured;
}

/**
 * How a step's budget is shared between its phases, as fractions of the whole
 * step measured from its start (each phase may use what an earlier one left):
 * the numeric test runs first, until `numeric` of the budget has passed; the
 * symbolic prover until `symbolic`, or only until `crossCheck` when the
 * numeric test found a counterexample or could not evaluate the step (then
 * no proof can make the step proved: it would only reveal an engine fault); the diagnosis of a refuted step runs until `diagnosis` (past
 * it the step is still refuted, with the plain "not equal").
 */
export const PHASE_SHARES = Object.freeze({ numeric: 0.7, symbolic: 0.95, crossCheck: 0.35, diagnosis: 0.65 });

/** Thrown by `charge` past the budget; the step checker turns it into `unknown`. */
export class BudgetExceeded extends Error {
  constructor(
    /** The phase whose budget ran out ("symbolic prover", "numeric test", …). */
    readonly phase: string,
    /** The loop that was running ("expansion", "quadrature grid", …). */
    readonly what: string,
    /** Which limit: operations or time. */
    readonly limit: 'ops' | 'time',
    readonly budget: Budget,
  ) {
    super(`too large to decide within the limit (${phase}: ${what}, over ${limit === 'ops' ? `${fmtOps(budget.ops)} operations` : `${Math.round(budget.ms)} ms`})`);
  }
}

/** True when `e` is a budget overrun (so a `catch` that swallows errors can rethrow it). */
export function isBudgetExceeded(e: unknown): e is BudgetExceeded {
  return e instanceof BudgetExceeded;
}

function fmtOps(n: number): string {
  return n >= 1e6 ? `${+(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${+(n / 1e3).toFixed(1)}k` : String(Math.round(n));
}

/** Ops between two reads of the clock. */
const CLOCK_EVERY = 20000;
/** Charges between two reads of the clock (for loops that charge little each time). */
const CLOCK_TICKS = 256;

interface Meter {
  phase: string;
  budget: Budget;
  /** Absolute deadline (on `now()`). */
  deadline: number;
  /** Ops spent in this meter. */
  spent: number;
  /** Ops and charges since the clock was last read. */
  sinceClock: number;
  ticks: number;
  parent: Meter | null;
}

let current: Meter | null = null;

/**
 * The clock budgets are measured on: this process's CPU time where there is
 * one (Node), so that other processes on a busy machine do not turn a step
 * `unknown`; elapsed time elsewhere (a browser).
 */
const now: () => number = typeof process !== 'undefined' && typeof process.cpuUsage === 'function' ? cpuClock() : () => performance.now();

/** Elapsed ms within which the CPU clock (a system call) is estimated rather than read. */
const CPU_READ_EVERY_MS = 4;

/**
 * Process CPU time in ms, read at most every `CPU_READ_EVERY_MS` of elapsed
 * time; in between it is estimated as the last reading plus the elapsed time,
 * which can only run ahead of the true CPU time, never behind it.
 */
function cpuClock(): () => number {
  let wall = -Infinity, cpu = 0;
  return () => {
    const w = performance.now();
    if (w - wall < CPU_READ_EVERY_MS) return cpu + (w - wall);
    const u = process.cpuUsage();
    wall = w;
    cpu = (u.user + u.system) / 1000;
    return cpu;
  };
}

/**
 * Records `ops` operations of the loop `what` against the open meter; throws
 * `BudgetExceeded` past its operation limit or its deadline.
 *
 * @example for (const node of nodes) { charge(1, 'quadrature grid'); … }
 */
export function charge(ops: number, what: string): void {
  const m = current;
  if (m === null) return;
  m.spent += ops;
  if (m.spent > m.budget.ops) throw new BudgetExceeded(m.phase, what, 'ops', m.budget);
  m.sinceClock += ops;
  if (m.sinceClock >= CLOCK_EVERY || ++m.ticks >= CLOCK_TICKS) {
    m.sinceClock = 0;
    m.ticks = 0;
    if (now() > m.deadline) throw new BudgetExceeded(m.phase, what, 'time', m.budget);
  }
}

/**
 * Runs `f` under a meter named `phase` with at most `limits` (and never more
 * than what the enclosing meter has left). The ops spent count against the
 * enclosing meter too.
 *
 * @example phase('diagnosis', { ms: 200, ops: 5e6 }, () => diagnose(d))
 */
export function phase<T>(name: string, limits: Budget, f: () => T): T {
  return metered(name, limits, f).value;
}

/**
 * `phase`, also returning the operations spent (for reports and the benchmark).
 *
 * @example metered('step', stepBudget(), () => check()).ops   // 12345
 */
export function metered<T>(name: string, limits: Budget, f: () => T): { value: T; ops: number } {
  const parent = current;
  const t = now();
  let ms = limits.ms, ops = limits.ops;
  if (parent) {
    ms = Math.min(ms, parent.deadline - t);
    ops = Math.min(ops, parent.budget.ops - parent.spent);
  }
  const m: Meter = { phase: name, budget: { ms: Math.max(0, ms), ops: Math.max(0, ops) }, deadline: t + Math.max(0, ms), spent: 0, sinceClock: 0, ticks: 0, parent };
  current = m;
  try {
    return { value: f(), ops: m.spent };
  } finally {
    current = parent;
    if (parent) parent.spent += m.spent;
  }
}

/**
 * Runs `f` with no meter open (work that must finish, such as loading rules,
 * is not charged to the step that happened to trigger it).
 */
export function unmetered<T>(f: () => T): T {
  const saved = current;
  current = null;
  try {
    return f();
  } finally {
    current = saved;
  }
}

/** The budget clock now (for phases measured from a step's start). */
export function clock(): number {
  return now();
}

/** What is left of the open meter (Infinity without one): for loops that size their work to the budget. */
export function remaining(): Budget {
  const m = current;
  if (!m) return { ms: Infinity, ops: Infinity };
  return { ms: m.deadline - now(), ops: m.budget.ops - m.spent };
}
