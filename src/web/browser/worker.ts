/**
 * The self-check page's Web Worker: the engine (engine.ts) off the main
 * thread. Bundled by scripts/bundle-web.js into dist/web/engine.js; the page
 * starts it from a blob: URL holding that text, so it works from file://.
 *
 * Messages in: `{ type: 'init', bundle }`, then `{ type: 'check', id, text,
 * problem, format }`. Out: `{ type: 'ready', problems, failed }` or
 * `{ type: 'fatal', message }`; per check `{ type: 'report', id, report, ms }`
 * or `{ type: 'error', id, message }`.
 */
import { createEngine, type Engine } from '../engine';
import type { CourseBundle } from '../data';

declare const self: { onmessage: ((e: { data: unknown }) => void) | null; postMessage(m: unknown): void };

let engine: Engine | null = null;

self.onmessage = (e) => {
  const m = e.data as { type: string; bundle?: CourseBundle; id?: number; text?: string; problem?: string; format?: 'md' | 'tex' };
  if (m.type === 'init') {
    try {
      engine = createEngine(m.bundle!);
      self.postMessage({ type: 'ready', problems: engine.problems, failed: engine.failed });
    } catch (err) {
      self.postMessage({ type: 'fatal', message: (err as Error).message });
    }
    return;
  }
  if (m.type === 'check' && engine) {
    const t0 = Date.now();
    try {
      const report = engine.check(m.text ?? '', { problem: m.problem || undefined, format: m.format ?? 'md' });
      self.postMessage({ type: 'report', id: m.id, report, ms: Date.now() - t0 });
    } catch (err) {
      self.postMessage({ type: 'error', id: m.id, message: (err as Error).message });
    }
  }
};
