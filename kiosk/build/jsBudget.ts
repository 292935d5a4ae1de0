// Prints the gzipped JavaScript the lobby page loads, and fails the build above the budget.
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

interface Chunk { type: 'chunk'; fileName: string; code: string; isEntry: boolean; imports: string[]; dynamicImports: string[] }

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** `budgetKb` caps what the page loads before the first screen; chunks loaded on demand (the camera's QR decoder) are reported. */
export function jsBudget(budgetKb: number): Plugin {
  return {
    name: 'foyer-js-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((file): file is typeof file & Chunk => file.type === 'chunk');
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const gzipped = new Map(chunks.map((chunk) => [chunk.fileName, gzipSync(chunk.code, { level: 9 }).length]));
      const reach = (name: string, seen: Set<string>, lazy: boolean) => {
        if (seen.has(name)) return;
        seen.add(name);
        const chunk = byName.get(name);
        const next = [...(chunk?.imports ?? []), ...(lazy ? chunk?.dynamicImports ?? [] : [])];
        next.forEach((other) => reach(other, seen, lazy));
      };
      const atStart = new Set<string>();
      const atMost = new Set<string>();
      for (const entry of chunks.filter((chunk) => chunk.isEntry)) {
        reach(entry.fileName, atStart, false);
        reach(entry.fileName, atMost, true);
      }
      const sum = (names: Set<string>) => [...names].reduce((total, name) => total + (gzipped.get(name) ?? 0), 0);
      for (const [name, size] of gzipped) console.log(`  ${kb(size).padStart(9)} gz  ${name}${atStart.has(name) ? '' : '  (on demand)'}`);
      const first = sum(atStart);
      console.log(`lobby JS (gzip): ${kb(first)} at first load (budget ${budgetKb} KB), ${kb(sum(atMost))} with all on-demand chunks`);
      if (first > budgetKb * 1024) this.error(`lobby JavaScript is ${kb(first)} gzipped at first load, over the ${budgetKb} KB budget`);
    },
  };
}
