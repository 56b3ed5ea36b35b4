/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import ts from 'typescript';

/**
 * The shape of web/src (issue 58). It has no import cycle, type-only imports included: a module can
 * be read, tested and moved with only what it imports; every relative import of every .ts file under
 * src/ is an edge. No file in net/ passes MAX_NET_LINES: the room client is a façade over parts, each
 * read in one sitting.
 */
const sources = import.meta.glob('../src/**/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const SRC = '../src/';
const MAX_NET_LINES = 350;

type Graph = ReadonlyMap<string, readonly string[]>;

/** `a/./b/../c` as `a/c`. */
function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/** Files under src/ (as `net/roomClient.ts`) to the files under src/ they import. */
function importGraph(files: Record<string, string>): Graph {
  const names = new Set(Object.keys(files).map((k) => k.slice(SRC.length)));
  const graph = new Map<string, string[]>();
  for (const [key, text] of Object.entries(files)) {
    const name = key.slice(SRC.length);
    const dir = name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
    const targets: string[] = [];
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const base = normalize(dir + fileName);
      const target = [base, `${base}.ts`, `${base}/index.ts`].find((n) => names.has(n));
      if (target) targets.push(target);
    }
    graph.set(name, targets);
  }
  return graph;
}

/** Each cycle a depth-first walk meets, as the path around it (its first file again at the end). */
function cycles(graph: Graph): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): void => {
    const at = path.indexOf(file);
    if (at >= 0) {
      found.push([...path.slice(at), file]);
      return;
    }
    if (done.has(file)) return;
    path.push(file);
    for (const next of graph.get(file) ?? []) visit(next);
    path.pop();
    done.add(file);
  };
  for (const file of [...graph.keys()].sort()) visit(file);
  return found;
}

describe('web/src imports', () => {
  const graph = importGraph(sources);

  it('form no cycle', () => {
    expect(cycles(graph).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('are all read: the graph holds the façade and its parts, type-only imports and re-exports', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('net/roomClient.ts')).toEqual(expect.arrayContaining(
      ['net/roomState.ts', 'net/roomConnection.ts', 'net/roomEvents.ts', 'p2p/peerSteering.ts', 'engine/healthReporting.ts']));
    expect(graph.get('player/htmlVideoPlayer.ts')).toContain('player/playerView.ts');
  });

  it('a cycle is named, file by file', () => {
    const graph = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]);
    expect(cycles(graph).map((c) => c.join(' -> '))).toEqual(['a.ts -> b.ts -> c.ts -> a.ts']);
  });

  it('an import back into the engine from player/playerView.ts would be caught', () => {
    const withCycle = new Map(graph);
    withCycle.set('player/playerView.ts', ['engine/controller.ts']);
    const named = cycles(withCycle).map((c) => c.join(' -> '));
    expect(named.length).toBeGreaterThan(0);
    expect(named.some((c) => c.includes('player/playerView.ts -> engine/controller.ts'))).toBe(true);
  });
});

describe('web/src/net', () => {
  it(`has no file past ${MAX_NET_LINES} lines`, () => {
    const net = Object.entries(sources).filter(([key]) => key.startsWith(`${SRC}net/`));
    expect(net.length).toBeGreaterThan(5);
    // Lines as wc -l counts them: a final newline ends the last line.
    const lines = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    const long = net.filter(([, text]) => lines(text) > MAX_NET_LINES).map(([key, text]) => `${key.slice(SRC.length)}: ${lines(text)}`);
    expect(long).toEqual([]);
  });
});
