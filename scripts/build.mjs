// Builds the bundles (client, server, CLI, webview) with esbuild and copies the
// tree-sitter grammars the server loads at run time next to the server bundle.
import * as esbuild from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const require = createRequire(import.meta.url);

/** Grammars the symbol resolver knows (server/src/symbols/languages.ts); the runtime wasm comes too. */
const GRAMMARS = [
  'tree-sitter.wasm',
  'tree-sitter-typescript.wasm',
  'tree-sitter-tsx.wasm',
  'tree-sitter-javascript.wasm',
  'tree-sitter-python.wasm',
  'tree-sitter-go.wasm',
  'tree-sitter-java.wasm',
  'tree-sitter-c-sharp.wasm',
  'tree-sitter-rust.wasm',
  'tree-sitter-ruby.wasm',
];

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
};

const builds = [
  {
    ...common,
    entryPoints: { client: 'client/src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { server: 'server/src/main.ts', scanWorker: 'server/src/workspace/scanWorker.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The server doubles as the `customer-lens-server` executable.
    banner: { js: '#!/usr/bin/env node' },
    // The bundle loads grammars from dist/grammars; require.resolve is only the unbundled fallback.
    logOverride: { 'require-resolve-not-external': 'silent' },
  },
  {
    ...common,
    entryPoints: { cli: 'server/src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The `customer-lens` npm bin; not shipped in the .vsix (.vscodeignore).
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: { webview: 'webview/src/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
  },
];

async function copyGrammars() {
  const wasmDir = path.join(path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
  const target = path.join(root, 'dist', 'grammars');
  await mkdir(target, { recursive: true });
  await Promise.all(GRAMMARS.map((name) => copyFile(path.join(wasmDir, name), path.join(target, name))));
}

await copyGrammars();
if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
  console.log('[watch] building client, server and webview');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
