// Preloaded with `node --import` by the start-up tests: writes every module the process
// loaded to the file named by STRATA_MODULE_TRACE, one path or URL a line. ES modules
// are seen by a load hook, CommonJS ones (dockerode, ssh2...) in require's cache at exit,
// Node's built-ins (however required) in its own load list, as `node:<name>`.
import { appendFileSync } from 'node:fs'
import { createRequire, register } from 'node:module'

const traceFile = process.env.STRATA_MODULE_TRACE
if (traceFile !== undefined && traceFile !== '') {
  register('./module-trace-hooks.mjs', import.meta.url, { data: { traceFile } })
  const require = createRequire(import.meta.url)
  process.on('exit', () => {
    const builtIns = process.moduleLoadList.filter((entry) => entry.startsWith('NativeModule ')).map((entry) => `node:${entry.slice('NativeModule '.length)}`)
    appendFileSync(traceFile, `${[...Object.keys(require.cache), ...builtIns].join('\n')}\n`)
  })
}
