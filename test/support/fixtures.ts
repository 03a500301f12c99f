import { copyFileSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Docker from 'dockerode'

/** Debian's busybox-static: one static binary, so images build offline FROM scratch. */
export const BUSYBOX = '/bin/busybox'

export interface FixtureSpec {
  tag: string
  dockerfile: string
  /** Extra files for the build context, by name; written with a fixed mtime so identical COPYs give identical layers. */
  files?: Record<string, string>
}

/** Fixture images every engine test may read; built once per run by the global setup. */
export const FIXTURES = {
  base: {
    tag: 'strata-fixture/base:1',
    dockerfile: ['FROM scratch', 'COPY busybox /bin/busybox', 'RUN ["/bin/busybox", "--install", "-s", "/bin"]', 'CMD ["/bin/sh"]'].join('\n'),
  },
  app: {
    tag: 'strata-fixture/app:1',
    dockerfile: [
      'FROM strata-fixture/base:1',
      'RUN mkdir -p /app && echo "hello from strata" > /app/hello.txt',
      'LABEL org.opencontainers.image.title="strata app fixture"',
    ].join('\n'),
  },
} as const satisfies Record<string, FixtureSpec>

/** Builds with the classic builder through the API: works offline, no registry involved. */
export async function buildFixture(docker: Docker, spec: FixtureSpec): Promise<string> {
  const context = mkdtempSync(join(tmpdir(), 'strata-context-'))
  try {
    copyFileSync(BUSYBOX, join(context, 'busybox'))
    writeFileSync(join(context, 'Dockerfile'), `${spec.dockerfile}\n`)
    const extra = Object.entries(spec.files ?? {})
    for (const [name, content] of extra) {
      writeFileSync(join(context, name), content)
      utimesSync(join(context, name), 1_700_000_000, 1_700_000_000)
    }
    const src = ['Dockerfile', 'busybox', ...extra.map(([name]) => name)]
    const stream = await docker.buildImage({ context, src }, { t: spec.tag, rm: true, forcerm: true })
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(stream, (error: Error | null, output: { error?: string; errorDetail?: { message?: string } }[]) => {
        const failed = output.find((line) => line.error !== undefined)
        if (error !== null) reject(error)
        else if (failed !== undefined) reject(new Error(`building ${spec.tag} failed: ${failed.error ?? ''}`))
        else resolve()
      })
    })
    const inspect = await docker.getImage(spec.tag).inspect()
    return inspect.Id
  } finally {
    rmSync(context, { recursive: true, force: true })
  }
}

export async function buildAllFixtures(docker: Docker): Promise<Record<keyof typeof FIXTURES, string>> {
  const base = await buildFixture(docker, FIXTURES.base)
  const app = await buildFixture(docker, FIXTURES.app)
  return { base, app }
}
