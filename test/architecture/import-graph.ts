import fs from 'node:fs';
import path from 'node:path';

/** One import statement of a source file: what it names, and the repository file it resolves to (null: a package). */
export interface SourceImport {
  from: string;
  specifier: string;
  /** Repository-relative path of the imported file; null for a package or a Node built-in. */
  resolved: string | null;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mjs'];
// import … from '…', export … from '…', import '…', import('…'); type-only imports count too:
// a type that lib/ borrows from an adapter still points the arrow outward.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"\n]+)\1/g;

export function listSourceFiles(root: string, folders: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) files.push(relative);
    }
  };
  for (const folder of folders) if (fs.existsSync(path.join(root, folder))) walk(folder);
  return files.sort();
}

/** The imports of one file's text. Comments are not stripped: a specifier in a comment is rare and would show as a false alarm, not a miss. */
export function parseImports(from: string, text: string, exists: (file: string) => boolean): SourceImport[] {
  const found: SourceImport[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[2]!;
    found.push({ from, specifier, resolved: resolveSpecifier(from, specifier, exists) });
  }
  return found;
}

function resolveSpecifier(from: string, specifier: string, exists: (file: string) => boolean): string | null {
  let base: string;
  if (specifier.startsWith('@/')) base = specifier.slice(2);
  else if (specifier.startsWith('.')) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  else return null;
  const candidates = [base, ...SOURCE_EXTENSIONS.map((ext) => base + ext), `${base}/index.ts`];
  // An unresolvable relative import is still a path into the repository: keep it so the rules see it.
  return candidates.find(exists) ?? base;
}

export function readImportGraph(root: string, folders: readonly string[]): SourceImport[] {
  const exists = (file: string) => fs.existsSync(path.join(root, file)) && fs.statSync(path.join(root, file)).isFile();
  return listSourceFiles(root, folders).flatMap((file) => parseImports(file, fs.readFileSync(path.join(root, file), 'utf8'), exists));
}

/** Import cycles among repository files (Tarjan's strongly connected components of two or more files, or a file importing itself). */
export function findImportCycles(imports: readonly SourceImport[]): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const { from, resolved } of imports) {
    if (resolved === null) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from)!.add(resolved);
  }
  let index = 0;
  const indexOf = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    indexOf.set(node, index);
    lowLink.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        lowLink.set(node, Math.min(lowLink.get(node)!, lowLink.get(next)!));
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node)!, indexOf.get(next)!));
      }
    }
    if (lowLink.get(node) === indexOf.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || edges.get(node)?.has(node)) cycles.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!indexOf.has(node)) visit(node);
  return cycles;
}
