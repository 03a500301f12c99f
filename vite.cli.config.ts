import { resolve } from 'node:path'
import { defineConfig } from 'vite'

// The `strata` command line as installed with the desktop packages. It runs on the
// user's Node (the app's own runtime has the runAsNode fuse off), outside app.asar,
// so everything it needs is bundled in: no node_modules beside it. Chunks stay
// separate so a command still loads only the code it imports.
const DIRNAME_SHIM = [
  "import { dirname as __strataDirname } from 'node:path'",
  "import { fileURLToPath as __strataFileUrlToPath } from 'node:url'",
  'const __filename = __strataFileUrlToPath(import.meta.url)',
  'const __dirname = __strataDirname(__filename)',
].join('\n')

export default defineConfig({
  build: {
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    ssr: resolve('electron/host/cli-main.ts'),
    rolldownOptions: {
      // ssh2's optional native helpers: it falls back to JavaScript when they are missing.
      external: ['cpu-features', /\.node$/],
      output: {
        format: 'es',
        entryFileNames: 'strata.mjs',
        chunkFileNames: 'chunks/[name]-[hash].mjs',
        // Bundled CommonJS dependencies (ssh2's agent) read __dirname, which an ES module lacks.
        banner: DIRNAME_SHIM,
      },
    },
  },
  resolve: {
    // The loader defers parts of dockerode by requiring them from node_modules at run time,
    // which a bundle without node_modules cannot do: it takes the plain import instead.
    alias: [{ find: /^.*\/dockerode-loader$/, replacement: resolve('electron/core/engine/dockerode-bundled.ts') }],
  },
  // Bundle every dependency: the installed CLI has no node_modules to resolve them from.
  ssr: { noExternal: true, target: 'node' },
})
