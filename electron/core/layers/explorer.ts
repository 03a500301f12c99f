import { failure, type StrataError } from '../../../shared/errors'
import { problem } from '../../../shared/problems'
import { compareFoldersFirst } from '../../../shared/natural-sort'
import type { FileContent, ImageDiff, TreeEntry, TreeListing } from '../../../shared/types'
import type { EngineConnection } from '../engine/connection'
import { chainIds } from '../images/chain'
import { MergedTree, analyzeStack, newDir, walk, type ChangeKind, type Node } from './analysis'
import { existsSync } from 'node:fs'
import { link, rename, unlink } from 'node:fs/promises'
import { scanExport } from './export-reader'
import { checkDestination } from '../transfer/file-checks'
import { destinationError } from '../transfer/file-errors'
import type { LayerCache } from './layer-cache'
import { NO_DIGEST, type Capture, type CapturedFile } from './types'
import { exportStream, imageAccessOf, loadStack, type LayerStack } from './stack'
import { pathMatcher, searchTree } from './tree-search'

/** The filesystem as of one layer, and what that layer changed, ready to be listed folder by folder. */
interface LayerView {
  merged: Node
  changes: Map<string, ChangeKind>
  /** Modified files: whether the bytes equal the copy they hide (null when not compared). */
  sameContent: Map<string, boolean | null>
  changesRoot: Node
  /** Paths as of the layer the layer did not touch; counted on first asking. */
  unchanged: number | null
}

const VIEWS_KEPT = 4

function childAt(root: Node, path: string): Node | undefined {
  if (path === '') return root
  let node: Node | undefined = root
  for (const part of path.split('/')) {
    node = node.children?.get(part)
    if (node === undefined) return undefined
  }
  return node
}

/** Browses an image's layers: folder listings, search, one file's content, and comparisons. */
export class LayerExplorer {
  private readonly views = new Map<string, LayerView>()
  private readonly sizes = new WeakMap<Node, { bytes: number; count: number }>()

  constructor(private readonly cache: LayerCache) {}

  private async view(connection: EngineConnection, ref: string, requested: number | undefined, signal?: AbortSignal): Promise<{ stack: LayerStack; view: LayerView; layer: number }> {
    const stack = await loadStack(imageAccessOf(connection), ref, this.cache, signal === undefined ? {} : { signal })
    const layer = requested ?? stack.layers.length - 1
    if (layer >= stack.layers.length || layer < 0) {
      throw failure('INVALID_INPUT', problem('layer.noSuchLayer', { layers: stack.layers.length, layer }), { layers: stack.layers.length })
    }
    const key = `${stack.imageId}@${layer}`
    let view = this.views.get(key)
    if (view === undefined) {
      const result = analyzeStack(stack.layers, { keepChanges: true, upTo: layer, topWasted: 0 })
      const changes = new Map<string, ChangeKind>()
      const sameContent = new Map<string, boolean | null>()
      const changesTree = new MergedTree()
      for (const change of result.changes?.[layer] ?? []) {
        changes.set(change.path, change.kind)
        if (change.kind === 'modified') sameContent.set(change.path, change.sameContent)
        const node = changesTree.parentOf(change.path, layer)
        const name = change.path.slice(change.path.lastIndexOf('/') + 1)
        const existing = node.children?.get(name)
        if (existing?.children != null) existing.entry = change.entry
        else node.children?.set(name, change.entry.type === 'dir' ? newDir(layer, change.entry) : { entry: change.entry, layer, children: null })
      }
      view = { merged: result.tree.root, changes, sameContent, changesRoot: changesTree.root, unchanged: null }
      this.views.set(key, view)
      if (this.views.size > VIEWS_KEPT) this.views.delete(this.views.keys().next().value ?? key)
    }
    return { stack, view, layer }
  }

  private subtree(node: Node): { bytes: number; count: number } {
    const known = this.sizes.get(node)
    if (known !== undefined) return known
    let bytes = 0
    let count = 0
    for (const [, child] of walk(node, '')) {
      if (child === node) continue
      count += 1
      if (child.entry?.type === 'file') bytes += child.entry.size
    }
    const result = { bytes, count }
    this.sizes.set(node, result)
    return result
  }

  private entryOf(name: string, path: string, node: Node, view: LayerView): TreeEntry {
    const entry = node.entry
    const isDir = node.children !== null
    return {
      name,
      path,
      type: entry?.type ?? 'dir',
      size: isDir ? this.subtree(node).bytes : (entry?.size ?? 0),
      mode: entry?.mode ?? 0o755,
      uid: entry?.uid ?? 0,
      gid: entry?.gid ?? 0,
      link: entry?.link ?? null,
      change: view.changes.get(path) ?? null,
      sameContent: view.sameContent.get(path) ?? null,
      childCount: node.children?.size ?? 0,
      layer: node.layer,
    }
  }

  /** The image's filesystem as of its top layer and each layer's instruction: what a container of the image starts from. */
  async topTree(connection: EngineConnection, ref: string): Promise<{ imageId: string; root: Node; createdBy: string[] }> {
    const { stack, view } = await this.view(connection, ref, undefined)
    return { imageId: stack.imageId, root: view.merged, createdBy: stack.createdBy }
  }

  /** Bytes of every file below a folder of a tree this explorer handed out. */
  folderBytes(node: Node): number {
    return this.subtree(node).bytes
  }

  async tree(connection: EngineConnection, ref: string, requested: number | undefined, path: string, onlyChanges: boolean): Promise<TreeListing> {
    const { stack, view, layer } = await this.view(connection, ref, requested)
    const folder = childAt(onlyChanges ? view.changesRoot : view.merged, path)
    if (folder === undefined) throw failure('NOT_FOUND', problem('layer.noPath', { path, layer }), { path, layer })
    if (folder.children === null) throw failure('INVALID_INPUT', problem('layer.notFolder', { path }), { path })
    const entries = [...folder.children].map(([name, node]) => this.entryOf(name, path === '' ? name : `${path}/${name}`, node, view))
    entries.sort(compareFoldersFirst)
    return { imageId: stack.imageId, layer, path, entries, unchanged: unchangedPaths(view) }
  }

  async search(connection: EngineConnection, ref: string, layer: number | undefined, pattern: string, onlyChanges: boolean, limit: number, signal?: AbortSignal): Promise<TreeEntry[]> {
    // Compiled first: a bad pattern is refused before any export is read.
    const matches = pathMatcher(pattern)
    const { view } = await this.view(connection, ref, layer, signal)
    return searchTree(onlyChanges ? view.changesRoot : view.merged, matches, {
      limit,
      ...(signal === undefined ? {} : { signal }),
      entry: (path, node) => this.entryOf(path.slice(path.lastIndexOf('/') + 1), path, node, view),
    })
  }

  /** The visible copy of a file as of a layer: which layer stores it, under which path (hardlinks followed). */
  private async locate(connection: EngineConnection, ref: string, requested: number | undefined, path: string): Promise<{ stack: LayerStack; layer: number; holder: number; target: string }> {
    const { stack, view, layer } = await this.view(connection, ref, requested)
    let node = childAt(view.merged, path)
    let target = path
    if (node?.entry?.type === 'hardlink' && node.entry.link !== null) {
      target = node.entry.link
      node = childAt(view.merged, target)
    }
    if (node?.entry == null) throw failure('NOT_FOUND', problem('layer.noFile', { path, layer }), { path, layer })
    if (node.entry.type !== 'file') {
      const { type, link } = node.entry
      throw failure('INVALID_INPUT', link === null ? problem('layer.notFile', { path, type }) : problem('layer.notFileLink', { path, type, link }), { path })
    }
    return { stack, layer, holder: node.layer, target }
  }

  /** Streams the export until the layer holding the visible copy (known by its diff ID) has gone by, then stops. */
  private async capture(connection: EngineConnection, stack: LayerStack, holder: number, capture: Capture, signal?: AbortSignal): Promise<CapturedFile> {
    const wanted = stack.diffIds[holder]
    if (wanted === undefined) throw failure('INTERNAL', problem('layer.missingFromIndex', { layer: holder, image: stack.imageId }))
    const result: { captured: CapturedFile | null } = { captured: null }
    await scanExport(await exportStream(connection, stack.imageId, signal), {
      capture,
      ...(signal === undefined ? {} : { signal }),
      onLayer: (_files, captured, diffId) => {
        if (captured === undefined || diffId !== wanted) return false
        result.captured = captured
        return true
      },
    })
    if (result.captured === null) throw failure('INTERNAL', problem('layer.exportLacksFile', { path: capture.path, layer: holder }), { path: capture.path })
    return result.captured
  }

  async readFile(connection: EngineConnection, ref: string, requested: number | undefined, path: string, maxBytes: number): Promise<FileContent> {
    const { stack, holder, target } = await this.locate(connection, ref, requested, path)
    const captured = await this.capture(connection, stack, holder, { path: target, maxBytes })
    return contentOf(path, holder, captured.bytes, captured.size, captured.truncated)
  }

  /**
   * Writes a file of the image to `destination` without unpacking the image. Every
   * layer holding the path writes to a private temporary file beside the destination;
   * only the right one is moved into place, so a failure leaves nothing under that name.
   * An existing file is never replaced unless `replace` says the user chose to.
   * Whatever goes wrong writing is said about `destination`, never about the image.
   */
  async extractFile(connection: EngineConnection, ref: string, requested: number | undefined, path: string, destination: string, options: { replace?: boolean; signal?: AbortSignal } = {}): Promise<{ layer: number; size: number }> {
    await checkDestination(destination)
    const { stack, holder, target } = await this.locate(connection, ref, requested, path)
    const temporaries: string[] = []
    const writeFailure = (error: unknown): StrataError => destinationError(destination, error)
    try {
      const captured = await this.capture(
        connection,
        stack,
        holder,
        {
          path: target,
          maxBytes: 0,
          toFile: () => {
            const file = `${destination}.strata-part-${process.pid}-${temporaries.length}`
            temporaries.push(file)
            return file
          },
          writeFailure,
        },
        options.signal,
      )
      if (options.signal?.aborted === true) throw failure('CANCELLED', problem('layer.extractCancelled'))
      if (captured.file === null) throw failure('INTERNAL', problem('layer.fileNotWritten'))
      if (options.replace === true) {
        // The user chose to replace (a save dialog asked): a rename swaps the file in whole (a symbolic link there is replaced, not followed).
        await rename(captured.file, destination).catch((error: unknown) => {
          throw writeFailure(error)
        })
        return { layer: holder, size: captured.size }
      }
      // A hard link puts the file in place atomically and never replaces an existing one.
      await link(captured.file, destination).catch(async (error: unknown) => {
        const code = (error as { code?: unknown }).code
        if (code === 'EEXIST') throw failure('CONFLICT', problem('layer.destinationExists', { destination }), { destination })
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw writeFailure(error)
        // A filesystem without hard links: rename, having checked the name is free.
        if (existsSync(destination)) throw failure('CONFLICT', problem('layer.destinationExists', { destination }), { destination })
        await rename(captured.file ?? '', destination).catch((renameError: unknown) => {
          throw writeFailure(renameError)
        })
      })
      return { layer: holder, size: captured.size }
    } catch (error) {
      // However far the reading got, say what was stopped and that nothing is left behind.
      if (options.signal?.aborted === true) throw failure('CANCELLED', problem('layer.extractCancelled'))
      throw error
    } finally {
      await Promise.all(temporaries.map((file) => unlink(file).catch(() => undefined)))
    }
  }

  async diff(connection: EngineConnection, refA: string, refB: string): Promise<ImageDiff> {
    const a = await loadStack(imageAccessOf(connection), refA, this.cache)
    const b = await loadStack(imageAccessOf(connection), refB, this.cache)
    const chainsA = chainIds(a.diffIds)
    const chainsB = new Set(chainIds(b.diffIds))
    const sizes = analyzeStack(a.layers, { topWasted: 0 }).layers
    const sharedLayers = chainsA.flatMap((chainId, index) => (chainsB.has(chainId) ? [{ index, chainId, size: sizes[index]?.storedBytes ?? 0 }] : []))
    const treeA = analyzeStack(a.layers, { topWasted: 0 }).tree.root
    const treeB = analyzeStack(b.layers, { topWasted: 0 }).tree.root
    const view = (node: Node, kind: 'added' | 'modified' | 'removed', path: string): ImageDiff['added'][number] => ({
      path,
      kind,
      type: node.entry?.type ?? 'dir',
      size: node.entry?.size ?? 0,
      mode: node.entry?.mode ?? 0o755,
      uid: node.entry?.uid ?? 0,
      gid: node.entry?.gid ?? 0,
      link: node.entry?.link ?? null,
      sameContent: null,
    })
    const added: ImageDiff['added'] = []
    const changed: ImageDiff['changed'] = []
    const removed: ImageDiff['removed'] = []
    for (const [path, nodeA] of walk(treeA, '')) {
      if (path === '') continue
      const nodeB = childAt(treeB, path)
      if (nodeB?.entry == null) {
        removed.push(view(nodeA, 'removed', path))
        continue
      }
      const entryA = nodeA.entry
      const entryB = nodeB.entry
      if (entryA === null) continue
      // Same metadata from the same layer content is the same file; another layer's copy is compared by digest where there is one.
      const sameDigest = entryA.digest !== NO_DIGEST && entryA.digest === entryB.digest
      const sameCopy = a.diffIds[nodeA.layer] === b.diffIds[nodeB.layer] || sameDigest
      const sameMeta = entryA.type === entryB.type && entryA.size === entryB.size && entryA.mode === entryB.mode && entryA.uid === entryB.uid && entryA.gid === entryB.gid && entryA.link === entryB.link
      if (!sameMeta || (!sameCopy && entryA.type === 'file')) changed.push(view(nodeB, 'modified', path))
    }
    for (const [path, nodeB] of walk(treeB, '')) {
      if (path !== '' && childAt(treeA, path)?.entry == null) added.push(view(nodeB, 'added', path))
    }
    return { a: { id: a.imageId, repoTags: a.repoTags }, b: { id: b.imageId, repoTags: b.repoTags }, sharedLayers, added, changed, removed }
  }
}

/** Every path of the merged tree the layer's changes do not name, counted once per view. */
function unchangedPaths(view: LayerView): number {
  if (view.unchanged !== null) return view.unchanged
  let count = 0
  for (const [path] of walk(view.merged, '')) if (path !== '' && !view.changes.has(path)) count += 1
  view.unchanged = count
  return count
}

const HEX_HEAD_BYTES = 256

/** Text when the bytes are UTF-8 without NUL; otherwise a hex dump of the head. */
export function contentOf(path: string, layer: number, bytes: Buffer, size: number, truncated: boolean): FileContent {
  const text = bytes.subarray(0, 8192).includes(0) ? null : decodeUtf8(bytes, truncated)
  const hexHead =
    text === null
      ? (bytes
          .subarray(0, HEX_HEAD_BYTES)
          .toString('hex')
          .match(/.{1,32}/g)
          ?.map((line, index) => `${(index * 16).toString(16).padStart(8, '0')}  ${line.replace(/(..)/g, '$1 ').trim()}`)
          .join('\n') ?? '')
      : null
  return { path, layer, size, text, hexHead, truncated }
}

/** Strict UTF-8; a cap may have cut the last character in two, so up to 3 trailing bytes may go. */
function decodeUtf8(bytes: Buffer, truncated: boolean): string | null {
  for (let drop = 0; drop <= (truncated ? 3 : 0); drop += 1) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, bytes.length - drop))
    } catch {
      // not (yet) valid: try one byte shorter
    }
  }
  return null
}
