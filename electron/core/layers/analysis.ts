import type { LayerChangeCounts } from '../../../shared/types'
import { NO_DIGEST, type LayerEntry, type LayerFiles } from './types'

export type ChangeKind = 'added' | 'modified' | 'removed'

export interface FileChange {
  path: string
  kind: ChangeKind
  entry: LayerEntry
  /** A modified file whose bytes equal the copy it hides (by digest); null when not compared. */
  sameContent: boolean | null
}

export interface LayerStats extends LayerChangeCounts {
  index: number
  /** Bytes of regular files this layer stores. */
  storedBytes: number
}

export interface WastedPath {
  path: string
  bytes: number
  /** Layers holding a stored copy of the path, bottom first. */
  layers: number[]
}

/** How a stored copy came to be hidden: by a whiteout, an opaque folder, or a later copy of the path. */
export type HiddenBy = 'whiteout' | 'opaque' | 'replaced'

/** One stored copy of a file that a later layer hid: what the advisor classifies. */
export interface HiddenCopy {
  path: string
  entry: LayerEntry
  /** The layer that stored it. */
  layer: number
  /** The layer that hid it. */
  by: number
  how: HiddenBy
  /** For a copy replaced by a file: whether the new bytes are the same (null when unknown). */
  sameContent: boolean | null
}

export interface StackAnalysis {
  layers: LayerStats[]
  /** Every layer's changes, when asked for. */
  changes: FileChange[][] | null
  totalBytes: number
  wastedBytes: number
  /** 1 - wasted / total stored bytes; 1 for an image that stores nothing. */
  efficiency: number
  wasted: WastedPath[]
  /** The merged filesystem after the last layer analyzed. */
  tree: MergedTree
}

export interface Node {
  entry: LayerEntry | null
  layer: number
  children: Map<string, Node> | null
}

export function newDir(layer: number, entry: LayerEntry | null): Node {
  return { entry, layer, children: new Map() }
}

/** The merged filesystem of a layer stack, one tree; folders hold their children. */
export class MergedTree {
  readonly root: Node = newDir(-1, null)

  find(path: string): Node | undefined {
    let node: Node | undefined = this.root
    for (const part of path.split('/')) {
      node = node.children?.get(part)
      if (node === undefined) return undefined
    }
    return node
  }

  parentOf(path: string, layer: number): Node {
    let node = this.root
    const parts = path.split('/')
    for (const part of parts.slice(0, -1)) {
      let child = node.children?.get(part)
      if (child?.children == null) {
        // A file where a folder must be, or nothing at all: the tar implies a folder here.
        child = newDir(layer, null)
        node.children?.set(part, child)
      }
      node = child
    }
    return node
  }

  remove(path: string): Node | undefined {
    const slash = path.lastIndexOf('/')
    const parent = slash === -1 ? this.root : this.find(path.slice(0, slash))
    const name = path.slice(slash + 1)
    const node = parent?.children?.get(name)
    if (node !== undefined) parent?.children?.delete(name)
    return node
  }
}

/** Visits every node with an entry under `node` (itself included), with its path. */
export function* walk(node: Node, path: string): Generator<[string, Node]> {
  if (node.entry !== null) yield [path, node]
  if (node.children === null) return
  for (const [name, child] of node.children) yield* walk(child, path === '' ? name : `${path}/${name}`)
}

/** Type, permissions, owner and link target: all a path holds besides its bytes and mtime. */
function sameMetadata(a: LayerEntry, b: LayerEntry): boolean {
  // Linux ignores a symlink's own mode, and builders write it differently.
  const samePermissions = a.type === 'symlink' || a.mode === b.mode
  return a.type === b.type && samePermissions && a.uid === b.uid && a.gid === b.gid && a.link === b.link
}

/** Stored again with nothing but its mtime changed: folders and the other entries without bytes. */
function isRepeat(before: LayerEntry | null, after: LayerEntry): boolean {
  if (before === null || after.type === 'file' || after.type === 'hardlink') return false
  return sameMetadata(before, after)
}

/**
 * The regular file whose bytes an entry holds: itself, or for a hard link the file it
 * names. A tar names a hard link's target earlier in the same archive, so the layer
 * that stored the link has the target too.
 */
class ContentOf {
  private readonly byLayer = new Map<number, Map<string, LayerEntry>>()

  constructor(private readonly layers: readonly LayerFiles[]) {}

  entry(entry: LayerEntry, layer: number): LayerEntry | null {
    if (entry.type === 'file') return entry
    if (entry.type !== 'hardlink' || entry.link === null) return null
    let files = this.byLayer.get(layer)
    if (files === undefined) {
      // Built only for a layer whose hard link is compared: rare, and one pass over its entries.
      files = new Map()
      for (const candidate of this.layers[layer]?.entries ?? []) if (candidate.type === 'file') files.set(candidate.path, candidate)
      this.byLayer.set(layer, files)
    }
    return files.get(entry.link) ?? null
  }
}

/** Compared only when both copies hold a file's bytes with digests; otherwise unknown. */
function sameBytes(before: LayerEntry | null, after: LayerEntry | null): boolean | null {
  if (before === null || after === null || before.digest === NO_DIGEST || after.digest === NO_DIGEST) return null
  return before.size === after.size && before.digest === after.digest
}

export interface AnalyzeStackOptions {
  keepChanges?: boolean
  topWasted?: number
  upTo?: number
  /** Told of every stored copy that gets hidden, as it happens. */
  onHidden?: (copy: HiddenCopy) => void
}

/**
 * Applies the layers bottom to top as overlayfs would and reports, per layer,
 * what it added, modified and removed, then the wasted bytes of the image.
 *
 * Modified means the path was visible below and the layer stores it again (a file
 * rewritten, a type change) or a folder's, symlink's or device's type, permissions,
 * owner or link target changed; one merely repeated (a folder because something
 * below it changed, or any of them by a builder that re-stores what it saw) is not
 * a change. A re-stored file costs its bytes whether or not they differ, so it
 * counts as modified and as waste either way; the change also says whether its
 * bytes are the same as the copy it hides (every file has a digest), following
 * hard links to their file.
 *
 * Wasted bytes of a path = all stored copies - the copy visible at the top (0 when
 * the path is finally removed). Hardlinks store no bytes of their own.
 */
export function analyzeStack(layers: readonly LayerFiles[], options: AnalyzeStackOptions = {}): StackAnalysis {
  const tree = new MergedTree()
  // Waste is counted as copies get hidden: every stored copy but the visible one ends up here.
  const hidden = new Map<string, { bytes: number; layers: number[] }>()
  const hide = (path: string, node: Node, by: number, how: HiddenBy, sameContent: boolean | null = null): void => {
    if (node.entry?.type !== 'file' || node.entry.size === 0) return
    options.onHidden?.({ path, entry: node.entry, layer: node.layer, by, how, sameContent })
    const known = hidden.get(path)
    if (known === undefined) hidden.set(path, { bytes: node.entry.size, layers: [node.layer] })
    else {
      known.bytes += node.entry.size
      known.layers.push(node.layer)
    }
  }
  const contentOf = new ContentOf(layers)
  const stats: LayerStats[] = []
  const allChanges: FileChange[][] | null = options.keepChanges === true ? [] : null
  let totalBytes = 0

  for (const [index, files] of layers.entries()) {
    if (options.upTo !== undefined && index > options.upTo) break
    // A tar stores a folder's entries one after another: the last entry's parent is mostly the
    // next one's, found again without splitting the path. Forgotten whenever a node is replaced.
    let cachedDir: string | null = null
    let cachedParent = tree.root
    const parentFor = (path: string): Node => {
      const slash = path.lastIndexOf('/')
      const dir = slash === -1 ? '' : path.slice(0, slash)
      if (dir !== cachedDir) {
        cachedParent = tree.parentOf(path, index)
        cachedDir = dir
      }
      return cachedParent
    }
    const layer: LayerStats = { index, added: 0, modified: 0, removed: 0, addedBytes: 0, modifiedBytes: 0, removedBytes: 0, modifiedSameContent: 0, storedBytes: 0 }
    const changes: FileChange[] | null = allChanges === null ? null : []
    const removeNode = (path: string, node: Node, how: HiddenBy): void => {
      for (const [childPath, child] of walk(node, path)) {
        if (child.entry === null) continue
        hide(childPath, child, index, how)
        layer.removed += 1
        layer.removedBytes += child.entry.size
        changes?.push({ path: childPath, kind: 'removed', entry: child.entry, sameContent: null })
      }
    }

    // An opaque folder hides everything the lower layers put in it.
    for (const dir of files.opaqueDirs) {
      const node = dir === '' ? tree.root : tree.find(dir)
      if (node?.children == null) continue
      for (const [name, child] of node.children) removeNode(dir === '' ? name : `${dir}/${name}`, child, 'opaque')
      node.children.clear()
    }
    for (const path of files.whiteouts) {
      const node = tree.remove(path)
      if (node !== undefined) removeNode(path, node, 'whiteout')
    }
    for (const entry of files.entries) {
      if (entry.type === 'file') {
        layer.storedBytes += entry.size
        totalBytes += entry.size
      }
      const parent = parentFor(entry.path)
      const name = entry.path.slice(entry.path.lastIndexOf('/') + 1)
      const existing = parent.children?.get(name)
      const isDir = entry.type === 'dir'
      if (existing === undefined) {
        parent.children?.set(name, isDir ? newDir(index, entry) : { entry, layer: index, children: null })
        layer.added += 1
        layer.addedBytes += entry.size
        changes?.push({ path: entry.path, kind: 'added', entry, sameContent: null })
        continue
      }
      let sameContent: boolean | null = null
      if (existing.children !== null && isDir) {
        // The same folder again: a change only if its mode or owner moved.
        const before = existing.entry
        existing.entry = entry
        if (before === null || sameMetadata(before, entry)) continue
        existing.layer = index
      } else if (existing.children === null && isRepeat(existing.entry, entry)) {
        // A symlink or device stored again as it was: like a repeated folder, no change and no bytes.
        existing.entry = entry
        continue
      } else {
        cachedDir = null
        if (existing.children !== null) {
          // A file over a folder hides the whole folder below.
          for (const [childName, child] of existing.children) removeNode(`${entry.path}/${childName}`, child, 'replaced')
        } else {
          sameContent = existing.entry === null ? null : sameBytes(contentOf.entry(existing.entry, existing.layer), contentOf.entry(entry, index))
          hide(entry.path, existing, index, 'replaced', sameContent)
        }
        parent.children?.set(name, isDir ? newDir(index, entry) : { entry, layer: index, children: null })
      }
      layer.modified += 1
      layer.modifiedBytes += entry.size
      if (sameContent === true) layer.modifiedSameContent += 1
      changes?.push({ path: entry.path, kind: 'modified', entry, sameContent })
    }
    stats.push(layer)
    allChanges?.push(changes ?? [])
  }

  const wasted: WastedPath[] = []
  let wastedBytes = 0
  for (const [path, copy] of hidden) {
    // The layers holding copies include the one whose copy is still visible.
    const visible = tree.find(path)
    const layers = visible?.entry?.type === 'file' && visible.entry.size > 0 ? [...copy.layers, visible.layer] : copy.layers
    wasted.push({ path, bytes: copy.bytes, layers })
    wastedBytes += copy.bytes
  }
  wasted.sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path))
  return {
    layers: stats,
    changes: allChanges,
    totalBytes,
    wastedBytes,
    efficiency: totalBytes === 0 ? 1 : 1 - wastedBytes / totalBytes,
    wasted: wasted.slice(0, options.topWasted ?? 100),
    tree,
  }
}
