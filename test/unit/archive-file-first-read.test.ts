import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { analyzeArchiveFile } from '../../electron/core/layers/archive-file'
import { digestOf, tarOf } from '../support/tars'

// Its own file, so that this is the first archive the module reads: the tar reader is loaded
// on first use, and no chunk of the file may be lost while it loads.
const folder = mkdtempSync(join(tmpdir(), 'strata-archive-first-'))
afterAll(() => {
  rmSync(folder, { recursive: true, force: true })
})

describe('the first archive a core reads', () => {
  it('is read whole, though the tar reader loads only then', async () => {
    // Far more than one read of the file (64 KiB), so chunks arrive while the reader loads.
    const layer = await tarOf([{ name: 'big.bin', content: Buffer.alloc(3 * 1024 * 1024, 7) }])
    const config = JSON.stringify({ os: 'linux', architecture: 'amd64', rootfs: { type: 'layers', diff_ids: [digestOf(layer)] }, history: [{ created_by: 'COPY big.bin /' }] })
    const archive = await tarOf([
      { name: 'manifest.json', content: JSON.stringify([{ Config: 'c.json', RepoTags: ['first:1'], Layers: ['l/layer.tar'] }]) },
      { name: 'c.json', content: config },
      { name: 'l/layer.tar', content: layer },
    ])
    const path = join(folder, 'first.tar')
    writeFileSync(path, archive)
    const seen: number[] = []
    const analysis = await analyzeArchiveFile(path, { onProgress: (bytes) => seen.push(bytes) })
    expect(analysis.totalBytes).toBe(3 * 1024 * 1024)
    expect(analysis.archive.references).toEqual(['first:1'])
    expect(seen.at(-1)).toBe(archive.length)
  })
})
