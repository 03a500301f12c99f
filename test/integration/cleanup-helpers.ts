import type Docker from 'dockerode'
import { expect } from 'vitest'
import type { StrataCore } from '../../electron/core/api/core'
import type { CleanupPlan, CleanupReport } from '../../shared/types'
import type { Leftovers } from '../support/containers'
import { FIXTURES, buildFixture } from '../support/fixtures'
import { callOk } from '../support/engine'
import { engineDf } from '../support/engine-df'

/** Scenario builders and measurements for the cleanup engine tests. */

export const BASE = FIXTURES.base.tag

/** A layer of `kb` KiB of zeros. */
export function dd(path: string, kb: number): string {
  return `RUN dd if=/dev/zero of=${path} bs=1024 count=${String(kb)}`
}

export async function build(docker: Docker, leftovers: Leftovers, tag: string, lines: string[]): Promise<string> {
  return leftovers.image(await buildFixture(docker, { tag, dockerfile: lines.join('\n') }))
}

export async function layersSize(docker: Docker): Promise<number> {
  return (await engineDf<{ LayersSize: number }>(docker)).LayersSize
}

/** Writable bytes of containers as /system/df measures them (absent means 0). */
export async function writableBytes(docker: Docker, ids: readonly string[]): Promise<number> {
  const df = await engineDf<{ Containers?: { Id: string; SizeRw?: number }[] | null }>(docker)
  return (df.Containers ?? []).filter((container) => ids.includes(container.Id)).reduce((sum, container) => sum + (container.SizeRw ?? 0), 0)
}

export async function imageSize(docker: Docker, ref: string): Promise<number> {
  return ((await docker.getImage(ref).inspect()) as { Size: number }).Size
}

export async function exists(docker: Docker, ref: string): Promise<boolean> {
  try {
    await docker.getImage(ref).inspect()
    return true
  } catch {
    return false
  }
}

export interface Run {
  plan: CleanupPlan
  report: CleanupReport
  /** The engine's LayersSize just before the execution minus just after, read by the test itself. */
  layersFreed: number
}

/**
 * Plans, confirms every item, executes, and measures the engine around the execution.
 * Whatever the scenario, no image a container the plan keeps uses, and no image the
 * plan protects, may be gone afterwards.
 */
export async function planAndRun(core: StrataCore, docker: Docker, options: Record<string, unknown>): Promise<Run> {
  const plan = await callOk(core, 'cleanup.plan', options)
  const removedContainers = new Set(plan.items.filter((item) => item.kind === 'container').map((item) => item.id))
  const containers = await docker.listContainers({ all: true })
  const mustStay = new Set([
    ...containers.filter((container) => !removedContainers.has(container.Id)).map((container) => container.ImageID),
    ...plan.protected.filter((kept) => kept.kind === 'image').map((kept) => kept.id),
  ])
  const before = await layersSize(docker)
  const report = await callOk(core, 'cleanup.execute', { options, confirmed: plan.items.map((item) => item.key) })
  const layersFreed = before - (await layersSize(docker))
  for (const id of mustStay) expect(await exists(docker, id), `image ${id} is in use or protected and must stay`).toBe(true)
  return { plan, report, layersFreed }
}

export function ids(plan: { items: { id: string }[] }): string[] {
  return plan.items.map((item) => item.id)
}
