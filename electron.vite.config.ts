import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'

/** The shared modules that hold zod schemas: they go to the `schemas` chunk, never to `shared` (which usage checks load). */
const SCHEMA_MODULES = 'contract|object-ref-schema|cleanup-input|retention-input|policy-input|run-input|save-file-input|image-files-input|stream-contract'

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // zod is ~95 small ES modules: bundled, it loads in about half the time (measured for
      // bench/cli-start), and every `strata` command that validates input pays it. hash-wasm
      // bundled is its XXH64 alone (~10 KB, inside the layers chunk) instead of every algorithm
      // it has (~280 KB, 34 ms to load from node_modules).
      externalizeDeps: { exclude: ['zod', 'hash-wasm'] },
      rolldownOptions: {
        // The Electron main process and the `strata` command line share the core.
        input: { index: resolve('electron/main/index.ts'), cli: resolve('electron/host/cli-main.ts') },
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          // Node's ES module loader reads each file with its own asynchronous round trips, so a
          // command pays per file as well as per byte. Groups keep the files few: what `strata
          // --help` needs; the pure shared helpers the commands check their arguments with; and
          // what every engine command needs (the core, the schemas, zod). Layers, registry,
          // cleanup and the server stay in their own chunks, loaded on demand. A module in the
          // core group loads dockerode with it: usage checks must not import one. Engine discovery
          // (`strata engines`) reads endpoints and API versions without the engine client: those
          // few modules are a group of their own, which the core imports too.
          codeSplitting: {
            groups: [
              { name: 'cli-start', priority: 3, test: /electron[\\/]host[\\/]cli-(run|output|terminal|paths|containers-usage|docker-run-usage|registry-usage|cleanup-usage|logs-usage)\.ts$|shared[\\/](format|errors|log-since)\.ts$|electron[\\/]core[\\/]api[\\/]call-guard\.ts$/ },
              { name: 'shared', priority: 2, test: new RegExp(String.raw`shared[\\/](types[\\/])?(?!${SCHEMA_MODULES})[^\\/]+\.ts$`) },
              // `strata images` and `strata engine` on a socket or plain tcp engine (host/cli-listing.ts): the
              // catalog and Node's http, without dockerode or zod. Modules the core shares with it load from here.
              {
                name: 'listing',
                priority: 2,
                test: /electron[\\/]host[\\/]cli-listing\.ts$|electron[\\/]core[\\/](images[\\/](catalog|image-data|image-cache-dir|chain|chain-sizes|history|family|sharing|summary|manifests|store-sizes)|containers[\\/]list|engine[\\/](plain-client|plain-requests|errors|info|image-store|cache-dir|config-dir))\.ts$/,
              },
              // The contract's schemas (zod) and the settings file, without the engine client: `strata analyze`
              // without the core reads the user's cache cap through them (host/cli-analyze-direct.ts).
              {
                name: 'schemas',
                priority: 2,
                test: new RegExp(String.raw`node_modules[\\/]zod[\\/]|shared[\\/](${SCHEMA_MODULES})\.ts$|electron[\\/]core[\\/]settings[\\/](settings|policies)\.ts$`),
              },
              { name: 'engine-address', priority: 3, test: /electron[\\/]core[\\/]engine[\\/](endpoint|environment|version|tls-failure|daemon-version|socket-get)\.ts$/ },
              {
                name: 'core',
                priority: 1,
                test: /node_modules[\\/]zod[\\/]|shared[\\/]|electron[\\/]core[\\/](api[\\/](?!layer-handlers|cleanup-handlers|progress)|engine(?![\\/]discovery[\\/])|images|containers|settings|system)[\\/]/,
              },
            ],
          },
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot be an ES module nor require local files: one CommonJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [vue()],
    build: {
      outDir: resolve('out/renderer'),
      rolldownOptions: { input: resolve('renderer/index.html') },
    },
  },
})
