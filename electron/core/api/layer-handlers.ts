import { basename } from 'node:path'
import { analyzeEngineImage } from '../layers/analyze-image'
import { analyzeArchiveFile } from '../layers/archive-file'
import { imageAccessOf } from '../layers/stack'
import { adviseEngineImage } from '../layers/advisor/advise-image'
import type { Handlers } from './handler-types'
import { progressReporter } from './progress'

type LayerMethods = 'layers.analyze' | 'layers.analyzeArchive' | 'layers.advice' | 'layers.tree' | 'layers.search' | 'layers.readFile' | 'layers.diff'

/** Everything that reads layer content (the export stream, the layer cache). */
export const layerHandlers: Pick<Handlers, LayerMethods> = {
  'layers.analyze': async (input, context) => {
    const progress = progressReporter(context.events, input.taskId ?? `analyze:${input.ref}`, `Reading the layers of ${input.ref}`)
    try {
      const { layerCache } = await context.layers()
      return await analyzeEngineImage(imageAccessOf(await context.connection()), input.ref, layerCache, { files: input.files, signal: context.signal, onProgress: progress.update })
    } finally {
      progress.finish()
    }
  },
  'layers.analyzeArchive': async (input, context) => {
    const progress = progressReporter(context.events, input.taskId ?? `analyze-archive:${input.path}`, `Reading ${basename(input.path)}`)
    try {
      return await analyzeArchiveFile(input.path, { files: input.files, signal: context.signal, onProgress: progress.update })
    } finally {
      progress.finish()
    }
  },
  'layers.advice': async (input, context) => {
    const progress = progressReporter(context.events, input.taskId ?? `advice:${input.ref}`, `Reading the layers of ${input.ref}`)
    try {
      const { layerCache } = await context.layers()
      return await adviseEngineImage(await context.connection(), input.ref, layerCache, { signal: context.signal, onProgress: progress.update })
    } finally {
      progress.finish()
    }
  },
  'layers.tree': async (input, context) => (await context.layers()).explorer.tree(await context.connection(), input.ref, input.layer, input.path, input.onlyChanges),
  'layers.search': async (input, context) => (await context.layers()).explorer.search(await context.connection(), input.ref, input.layer, input.pattern, input.onlyChanges, input.limit, context.signal),
  'layers.readFile': async (input, context) => (await context.layers()).explorer.readFile(await context.connection(), input.ref, input.layer, input.path, input.maxBytes),
  'layers.diff': async (input, context) => (await context.layers()).explorer.diff(await context.connection(), input.a, input.b),
}
