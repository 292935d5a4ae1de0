// Prints the gzipped JavaScript each page loads, and fails the build when the lobby's is over the budget.
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

interface Chunk { type: 'chunk'; name: string; fileName: string; code: string; isEntry: boolean; imports: string[]; dynamicImports: string[] }

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * `budgetKb` caps what the lobby page (the entry named `lobby`, or the only entry) loads before its first
 * screen; chunks loaded on demand, like the camera's QR decoder, are reported beside it.
 */
export function jsBudget(budgetKb: number, lobbyEntry = 'lobby'): Plugin {
  return {
    name: 'foyer-js-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((file): file is typeof file & Chunk => file.type === 'chunk');
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const gzipped = new Map<string, number>();
      const sizeOf = (name: string) => {
        if (!gzipped.has(name)) gzipped.set(name, gzipSync(byName.get(name)?.code ?? '', { level: 9 }).length);
        return gzipped.get(name)!;
      };
      const reach = (name: string, seen: Set<string>, lazy: boolean): Set<string> => {
        if (seen.has(name)) return seen;
        seen.add(name);
        const chunk = byName.get(name);
        for (const next of [...(chunk?.imports ?? []), ...(lazy ? chunk?.dynamicImports ?? [] : [])]) reach(next, seen, lazy);
        return seen;
      };
      const sum = (names: Set<string>) => [...names].reduce((total, name) => total + sizeOf(name), 0);
      const entries = chunks.filter((chunk) => chunk.isEntry);
      for (const entry of entries) {
        const first = sum(reach(entry.fileName, new Set(), false));
        const most = sum(reach(entry.fileName, new Set(), true));
        const isLobby = entry.name === lobbyEntry || entries.length === 1;
        console.log(`${entry.name} JS (gzip): ${kb(first)} at first load, ${kb(most)} with its on-demand chunks${isLobby ? ` (budget ${budgetKb} KB at first load)` : ''}`);
        if (isLobby && first > budgetKb * 1024) this.error(`the lobby loads ${kb(first)} of gzipped JavaScript, over its ${budgetKb} KB budget`);
      }
    },
  };
}
