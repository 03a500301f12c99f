import { formatBytes, shortId } from '../../shared/format'
import type { CommitResult, ContainerChanges, ContainerPort, ContainerSummary } from '../../shared/types'

/** Human-readable renderings of the container commands; --json prints the contract's data instead. */

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()
  return [line(header), ...rows.map(line)].join('\n') + '\n'
}

function portText(port: ContainerPort): string {
  const inside = `${String(port.privatePort)}/${port.protocol}`
  return port.publicPort === null ? inside : `${port.ip ?? ''}:${String(port.publicPort)}->${inside}`
}

function nameOf(container: ContainerSummary): string {
  return container.name ?? container.names[0] ?? shortId(container.id)
}

export function containersText(containers: ContainerSummary[], sized: boolean): string {
  const rows = containers.map((container) => {
    const row = [nameOf(container), shortId(container.id), container.image, container.state, container.status, (container.ports ?? []).map(portText).join(', ')]
    if (sized) row.push(`${formatBytes(container.sizeRw ?? 0)} (virtual ${formatBytes(container.sizeRootFs ?? 0)})`)
    return row
  })
  return table(['NAME', 'CONTAINER ID', 'IMAGE', 'STATE', 'STATUS', 'PORTS', ...(sized ? ['SIZE'] : [])], rows)
}

const KIND_LETTER = { added: 'A', modified: 'C', deleted: 'D' } as const

/** One line per path with docker diff's letters, so scripts written for it keep working. */
export function changesText(result: ContainerChanges): string {
  return result.changes.map((change) => `${KIND_LETTER[change.kind]} ${change.path}\n`).join('')
}

export function containerText(verb: string, container: ContainerSummary): string {
  return `${verb} ${nameOf(container)} (${shortId(container.id)}): ${container.status}\n`
}

export function commitText(result: CommitResult, container: string): string {
  const lines = [`Committed ${result.id} from container ${container}`, ...result.repoTags.map((tag) => `Tagged ${tag}`)]
  const previous = result.previousTagOwner
  if (previous !== null) {
    const moved = previous.tags.filter((tag) => result.repoTags.includes(tag))
    const kept = previous.tags.filter((tag) => !result.repoTags.includes(tag))
    const left = kept.length === 0 ? 'now without a name (dangling)' : `still tagged ${kept.join(', ')}`
    lines.push(`Moved ${moved.join(', ')} from image ${shortId(previous.id)}, ${left}`)
  }
  return `${lines.join('\n')}\n`
}
