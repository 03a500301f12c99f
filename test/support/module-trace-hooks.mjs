// The loader-thread half of module-trace-preload.mjs: one line per ES module loaded.
import { appendFileSync } from 'node:fs'

let traceFile = ''

export function initialize(data) {
  traceFile = data.traceFile
}

export async function load(url, context, nextLoad) {
  appendFileSync(traceFile, `${url}\n`)
  return nextLoad(url, context)
}
