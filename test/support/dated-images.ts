import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import type Docker from 'dockerode'
import { BUSYBOX } from './fixtures'
import { digestOf, tarOf } from './tars'

/**
 * Images with a creation time of the test's choosing, made by `docker load` of an
 * archive written here (a build or commit always stamps the present). Each has two
 * layers: busybox, shared by all of them (so a container can run on any), and a small
 * layer of its own.
 */
export interface DatedImage {
  /** repository:tag */
  tag: string
  created: Date
  labels?: Record<string, string>
  /** Bytes of the image's own file, which makes its own layer distinct. */
  ownBytes?: number
}

const ARCHITECTURE: Record<string, string> = { x64: 'amd64', arm64: 'arm64' }

/** Loads every image in one archive; returns their IDs in the order given. */
export async function loadDatedImages(docker: Docker, images: readonly DatedImage[]): Promise<string[]> {
  const busybox = await tarOf([
    { name: 'bin/', type: 'directory' },
    { name: 'bin/busybox', content: readFileSync(BUSYBOX), mode: 0o755 },
  ])
  const busyboxDiff = digestOf(busybox)
  const entries: { name: string; content: Buffer | string }[] = [{ name: 'busybox/layer.tar', content: busybox }]
  const manifest: { Config: string; RepoTags: string[]; Layers: string[] }[] = []
  for (const [index, image] of images.entries()) {
    const own = await tarOf([{ name: `own-${String(index)}`, content: `${image.tag} ${'x'.repeat(image.ownBytes ?? 4096)}` }])
    const config = JSON.stringify({
      architecture: ARCHITECTURE[process.arch] ?? process.arch,
      os: 'linux',
      created: image.created.toISOString(),
      config: { Cmd: ['/bin/busybox', 'sh'], Labels: image.labels ?? {} },
      rootfs: { type: 'layers', diff_ids: [busyboxDiff, digestOf(own)] },
      history: [{ created: image.created.toISOString(), created_by: 'busybox' }, { created: image.created.toISOString(), created_by: `own file of ${image.tag}` }],
    })
    const configName = `${digestOf(config).slice(7)}.json`
    entries.push({ name: `own-${String(index)}/layer.tar`, content: own }, { name: configName, content: config })
    manifest.push({ Config: configName, RepoTags: [image.tag], Layers: ['busybox/layer.tar', `own-${String(index)}/layer.tar`] })
  }
  entries.push({ name: 'manifest.json', content: JSON.stringify(manifest) })
  const archive = await tarOf(entries)
  const answer = await docker.loadImage(Readable.from([archive]), { quiet: true })
  await new Promise((resolve, reject) => {
    docker.modem.followProgress(answer, (error: Error | null, output: { error?: string }[]) => {
      const failed = output.find((line) => line.error !== undefined)
      if (error !== null) reject(error)
      else if (failed !== undefined) reject(new Error(`docker load failed: ${failed.error ?? ''}`))
      else resolve(undefined)
    })
  })
  return Promise.all(images.map(async (image) => ((await docker.getImage(image.tag).inspect()) as { Id: string }).Id))
}
