import type { HistoryStep, LayerInfo } from '../../../shared/types'
import { chainIds } from './chain'

/** An entry of GET /images/{id}/history (newest first). */
export interface HistoryEntry {
  Id: string
  Created: number
  CreatedBy: string
  Tags?: string[] | null
  Size: number
  Comment: string
}

/** The instruction as a Dockerfile would say it. */
export function cleanCreatedBy(createdBy: string): string {
  const text = createdBy.replace(/\s+# buildkit$/, '').trim()
  const nop = /^\/bin\/sh -c #\(nop\)\s*(.*)$/s.exec(text)
  if (nop?.[1] !== undefined) return nop[1].trim()
  const run = /^(\|\d+ .*?)?\/bin\/sh -c (.*)$/s.exec(text)
  if (run?.[2] !== undefined) return `RUN ${run[2].trim()}`
  // The classic builder records an exec-form RUN as the bare command line.
  if (text !== '' && !DOCKERFILE_KEYWORD.test(text)) return `RUN ${text}`
  return text
}

const DOCKERFILE_KEYWORD = /^(FROM|RUN|CMD|LABEL|MAINTAINER|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)\b/

/** Whether a step made a layer when its size alone cannot tell (a zero-byte layer). */
function looksLikeLayer(createdBy: string): boolean {
  if (!createdBy.includes('#(nop)')) return !/^(ENV|LABEL|CMD|ENTRYPOINT|EXPOSE|USER|WORKDIR|VOLUME|STOPSIGNAL|HEALTHCHECK|ONBUILD|SHELL|ARG|MAINTAINER)\b/.test(createdBy.trim())
  // The classic builder commits a layer for WORKDIR (it may create the folder), even when it adds no bytes.
  return /#\(nop\)\s*(COPY|ADD|WORKDIR)\b/.test(createdBy)
}

/**
 * Which history steps made the image's layers. /history does not carry the
 * config's empty_layer flag: steps with bytes made a layer; when zero-byte layers
 * exist, steps whose instruction makes layers (RUN, COPY, ADD) are taken in order.
 */
export function layerStepIndexes(stepsOldestFirst: readonly HistoryEntry[], layerCount: number): Set<number> {
  const sized = stepsOldestFirst.flatMap((step, index) => (step.Size > 0 ? [index] : []))
  const chosen = new Set(sized.slice(-layerCount))
  let missing = layerCount - chosen.size
  for (const [index, step] of stepsOldestFirst.entries()) {
    if (missing <= 0) break
    if (!chosen.has(index) && looksLikeLayer(step.CreatedBy)) {
      chosen.add(index)
      missing -= 1
    }
  }
  for (let index = stepsOldestFirst.length - 1; missing > 0 && index >= 0; index -= 1) {
    if (!chosen.has(index)) {
      chosen.add(index)
      missing -= 1
    }
  }
  return chosen
}

export interface LayerStack {
  layers: Omit<LayerInfo, 'sharedWith'>[]
  history: HistoryStep[]
}

/** Joins the config's diff IDs with the history: one entry per layer, bottom first, with its instruction and the empty steps before it. */
export function buildLayerStack(diffIds: readonly string[], historyNewestFirst: readonly HistoryEntry[]): LayerStack {
  const steps = [...historyNewestFirst].reverse()
  const layerSteps = layerStepIndexes(steps, diffIds.length)
  const chains = chainIds(diffIds)
  const history: HistoryStep[] = []
  const layers: LayerStack['layers'] = []
  let pendingEmpty: HistoryStep[] = []
  for (const [index, step] of steps.entries()) {
    const isLayer = layerSteps.has(index) && layers.length < diffIds.length
    const entry: HistoryStep = {
      created: step.Created > 0 ? new Date(step.Created * 1000).toISOString() : null,
      createdBy: cleanCreatedBy(step.CreatedBy),
      size: step.Size,
      emptyLayer: !isLayer,
      comment: step.Comment,
      layerIndex: isLayer ? layers.length : null,
    }
    history.push(entry)
    if (!isLayer) {
      pendingEmpty.push(entry)
      continue
    }
    const layerIndex = layers.length
    layers.push({
      index: layerIndex,
      diffId: diffIds[layerIndex] ?? '',
      chainId: chains[layerIndex] ?? '',
      size: step.Size,
      createdBy: entry.createdBy,
      created: entry.created,
      emptySteps: pendingEmpty,
    })
    pendingEmpty = []
  }
  // An engine whose history is shorter than its layer list (squashed or imported images).
  for (let layerIndex = layers.length; layerIndex < diffIds.length; layerIndex += 1) {
    layers.push({ index: layerIndex, diffId: diffIds[layerIndex] ?? '', chainId: chains[layerIndex] ?? '', size: 0, createdBy: '', created: null, emptySteps: [] })
  }
  return { layers, history }
}
