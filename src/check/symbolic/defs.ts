/**
 * The definitions in force, looked up by name *and* shape: a joint density
 * p(x, y), its marginal p(y) and its conditional p(x | y) share a name but
 * are different functions, so a hypothesis about one must not rewrite the
 * others. Later definitions of the same shape override earlier ones (a
 * hypothesis overrides the context).
 *
 * @example
 *   const defs = new Defs([{ name: 'p', params: ['y'], body }]);
 *   defs.get('p', 1, 0)   // the marginal's definition
 *   defs.get('p', 1, 1)   // undefined: p(x | y) is not defined
 */
import type { Definition } from '../../semantics/context';

export class Defs {
  private readonly byName = new Map<string, Definition[]>();

  constructor(defs: Iterable<Definition> | Map<string, Definition> = []) {
    const list = defs instanceof Map ? defs.values() : defs;
    for (const d of list) {
      const same = (this.byName.get(d.name) ?? []).filter((x) => !(x.params.length === d.params.length && (x.given?.length ?? 0) === (d.given?.length ?? 0)));
      this.byName.set(d.name, [...same, d]);
    }
  }

  /** The definition of `name` applied to `arity` arguments and `given` conditioning arguments. */
  get(name: string, arity: number, given = 0): Definition | undefined {
    return this.byName.get(name)?.find((d) => d.params.length === arity && (d.given?.length ?? 0) === given);
  }

  /** Every definition of `name`, whatever its shape. */
  all(name: string): Definition[] {
    return this.byName.get(name) ?? [];
  }

  /** True when `name` has any definition. */
  has(name: string): boolean {
    return this.byName.has(name);
  }
}
