import { StrataError } from '../../shared/errors'
import { formatBytes, layersFigureName, shortId } from '../../shared/format'
import { blockerKey, type RemoveSetMember, type RemoveSetPlan, type RemoveSetResult } from '../../shared/types'
import type { StrataCore } from '../core/api/core'
import type { CliIo, Values } from './cli'
import { blockerText } from './cli-output'
import { EXIT_ERROR, EXIT_OK, callCore } from './cli-run'

function memberName(member: Pick<RemoveSetMember, 'id' | 'repoTags'>): string {
  return member.repoTags[0] ?? shortId(member.id)
}

export function removeSetPlanText(plan: RemoveSetPlan, removeContainers: boolean): string {
  const prediction = removeContainers ? plan.removingContainers : plan.keepingContainers
  const names = new Map(plan.members.map((member) => [member.id, memberName(member)]))
  const lines = [`Deleting ${String(plan.members.length)} images: ${plan.members.map(memberName).join(', ')}`]
  if (plan.blockers.length > 0) {
    lines.push('Blocked by:')
    for (const blocker of plan.blockers) lines.push(`  - ${names.get(blocker.imageId) ?? shortId(blocker.imageId)}: ${blockerText(blocker)}`)
  }
  lines.push(`${String(prediction.deletable.length)} of ${String(plan.members.length)} can be deleted${removeContainers && prediction.containers.length > 0 ? ` after removing ${String(prediction.containers.length)} containers` : ''}; frees ${formatBytes(prediction.freedBytes)} of layers`)
  return `${lines.join('\n')}\n`
}

export function removeSetText(result: RemoveSetResult): string {
  const lines = [
    ...result.stoppedContainers.map((id) => `Stopped container ${shortId(id)}`),
    ...result.removedContainers.map((id) => `Removed container ${shortId(id)}`),
  ]
  for (const outcome of result.outcomes) {
    const name = memberName(outcome)
    if (outcome.status === 'deleted') lines.push(`Deleted ${name}${outcome.deletedImages.length > 1 ? ` (and ${String(outcome.deletedImages.length - 1)} hidden parents)` : ''}`)
    else if (outcome.status === 'failed') lines.push(`Failed ${name}: ${outcome.error?.message ?? 'the engine refused'}`)
    else if (outcome.skip === 'gone') lines.push(`Skipped ${name}: it no longer exists`)
    else if (outcome.skip === 'cancelled') lines.push(`Skipped ${name}: cancelled before it`)
    else if (outcome.skip === 'blocked') lines.push(`Skipped ${name}: ${outcome.blockers.map(blockerText).join('; ')}`)
    else lines.push(`Skipped ${name}: an image built on it was not deleted`)
  }
  const measured = result.freedBytes === null || result.layersBytesAfter === null ? 'not measured: the engine stopped answering' : `${formatBytes(result.freedBytes)} (${layersFigureName(result.layersBytesSource)} ${formatBytes(result.layersBytesBefore)} -> ${formatBytes(result.layersBytesAfter)})`
  lines.push(`Freed ${measured}; predicted ${formatBytes(result.predictedBytes)}`)
  return `${lines.join('\n')}\n`
}

/** `strata rmi REF...`: deletes the images as one set; exit 1 when any was not deleted. */
export async function removeSetCommand(core: StrataCore, refs: string[], values: Values, io: CliIo, print: (value: unknown, text: string) => void): Promise<number> {
  const removeContainers = values['with-containers']
  const plan = await callCore(core, 'images.planRemoveSet', { ids: refs })
  const prediction = removeContainers ? plan.removingContainers : plan.keepingContainers
  if (prediction.deletable.length === 0) {
    io.stderr(`strata: ${removeSetPlanText(plan, removeContainers).trimEnd()}\n`)
    return EXIT_ERROR
  }
  if (!values.yes) {
    const answer = await io.confirm(`${removeSetPlanText(plan, removeContainers)}Delete?`)
    if (answer === null) throw new StrataError('INVALID_INPUT', 'No terminal to confirm on: pass --yes to delete without asking.')
    if (!answer) {
      io.stderr('strata: nothing deleted.\n')
      return EXIT_ERROR
    }
  }
  const result = await callCore(core, 'images.removeSet', { ids: plan.members.map((member) => member.id), removeContainers, confirmedBlockers: plan.blockers.map(blockerKey) }, io.cancelSignal)
  print(result, removeSetText(result))
  return result.outcomes.every((outcome) => outcome.status === 'deleted') ? EXIT_OK : EXIT_ERROR
}
