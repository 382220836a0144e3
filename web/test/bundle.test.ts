// The sign-in page loads the entry script and what it imports, never uPlot: the charts module
// (charts/line_chart.ts, with uPlot and its stylesheet) is its own chunk, loaded with import() by
// the pages that draw charts (charts/lazy.ts). Builds the app in memory as `npm run build` does.
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

async function chunks(): Promise<Rollup.OutputChunk[]> {
  const out = (await build({ root, logLevel: 'silent', build: { write: false } })) as
    Rollup.RollupOutput | Rollup.RollupOutput[];
  const outputs = Array.isArray(out) ? out : [out];
  return outputs.flatMap((o) => o.output).filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
}

// The entry and every chunk it imports statically: what a page loads before any import().
function loadedAtStart(all: Rollup.OutputChunk[]): Rollup.OutputChunk[] {
  const byName = new Map(all.map((c) => [c.fileName, c]));
  const entry = all.find((c) => c.isEntry);
  if (!entry) throw new Error('no entry chunk');
  const seen = new Map<string, Rollup.OutputChunk>();
  const visit = (c: Rollup.OutputChunk) => {
    if (seen.has(c.fileName)) return;
    seen.set(c.fileName, c);
    for (const name of c.imports) {
      const next = byName.get(name);
      if (next) visit(next);
    }
  };
  visit(entry);
  return [...seen.values()];
}

const isUplot = (id: string) => /[\\/]node_modules[\\/]uplot[\\/]/.test(id);

describe('the built app', () => {
  it('keeps uPlot and the chart module out of what the sign-in page loads', async () => {
    const all = await chunks();
    const start = loadedAtStart(all);
    const startModules = start.flatMap((c) => c.moduleIds);
    expect(startModules.filter(isUplot)).toEqual([]);
    expect(startModules.filter((id) => id.endsWith('/src/charts/line_chart.ts'))).toEqual([]);
    // ... and loads them on demand, in a chunk of their own.
    const charts = all.filter((c) => c.moduleIds.some(isUplot));
    expect(charts).toHaveLength(1);
    expect(charts[0].isDynamicEntry).toBe(true);
    expect(charts[0].moduleIds.some((id) => id.endsWith('/src/charts/line_chart.ts'))).toBe(true);
    expect(start.flatMap((c) => c.dynamicImports)).toContain(charts[0].fileName);
  }, 60_000);
});
