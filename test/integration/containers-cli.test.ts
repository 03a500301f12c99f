import { afterAll, describe, expect, inject, it } from 'vitest'
import type { ContainerChanges, ContainerSummary } from '../../shared/types'
import { Leftovers, imageCount, ranContainer } from '../support/containers'
import { FIXTURES } from '../support/fixtures'
import { callOk, privateCore, privateDocker } from '../support/engine'
import { runStrata, type CliRun } from '../support/strata-cli'

const docker = privateDocker()
const core = privateCore()
const leftovers = new Leftovers(docker)
afterAll(async () => {
  await leftovers.clean()
  await core.close()
})

const strata = (...args: string[]): Promise<CliRun> => runStrata([...args, '--host', inject('dockerHost')])

describe('strata changes and commit', () => {
  it('changes --json gives what the core gives; without --json, docker diff\'s lines', async () => {
    await ranContainer(docker, leftovers, FIXTURES.app.tag, 'cli-changes', 'echo new > /app/new.txt && rm /app/hello.txt')
    const run = await strata('changes', 'cli-changes', '--json')
    expect(run.code).toBe(0)
    const parsed = JSON.parse(run.stdout) as ContainerChanges
    expect(parsed).toEqual(await callOk(core, 'containers.changes', { id: 'cli-changes' }))
    expect(parsed.counts).toEqual({ added: 1, modified: 1, deleted: 1 })
    expect((await strata('changes', 'cli-changes')).stdout).toBe('C /app\nD /app/hello.txt\nA /app/new.txt\n')
  })

  it('commit --json answers id, repoTags and parentId, with the message, author and changes applied', async () => {
    await ranContainer(docker, leftovers, FIXTURES.base.tag, 'cli-commit', 'echo x > /x')
    const run = await strata('commit', 'cli-commit', 'cli/committed:1', '-m', 'from the cli', '--author', 'Tester', '--change', 'ENV GREETING="hello world"', '-c', 'CMD ["/bin/cat", "/x"]', '--change', 'EXPOSE 8080', '--json')
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as Record<string, unknown>
    leftovers.image(String(result.id))
    expect(Object.keys(result).sort()).toEqual(['id', 'parentId', 'previousTagOwner', 'repoTags'])
    expect(result).toMatchObject({ repoTags: ['cli/committed:1'], parentId: inject('fixtureIds').base, previousTagOwner: null })
    const image = await docker.getImage('cli/committed:1').inspect()
    expect(image.Id).toBe(result.id)
    expect(image).toMatchObject({ Comment: 'from the cli', Author: 'Tester' })
    expect(image.Config.Env).toContain('GREETING=hello world')
    expect(image.Config.Cmd).toEqual(['/bin/cat', '/x'])
    expect(Object.keys(image.Config.ExposedPorts)).toEqual(['8080/tcp'])

    // The tag now names that image: a second commit to it is refused (exit 1), then moved with --move-tag.
    const refused = await strata('commit', 'cli-commit', 'cli/committed:1')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^strata: cli\/committed:1 already names image [0-9a-f]{12}; committing would move the tag, leaving that image without a name \(dangling\)/)
    const moved = await strata('commit', 'cli-commit', 'cli/committed:1', '--move-tag')
    expect(moved.code).toBe(0)
    expect(moved.stdout).toMatch(/^Committed sha256:[0-9a-f]{64} from container cli-commit\nTagged cli\/committed:1\nMoved cli\/committed:1 from image [0-9a-f]{12}, now without a name \(dangling\)\n$/)
    leftovers.image((await docker.getImage('cli/committed:1').inspect()).Id)
  })

  it('exits 2 for a bad name or change before anything is created', async () => {
    await ranContainer(docker, leftovers, FIXTURES.base.tag, 'cli-refused', 'true')
    const before = await imageCount(docker)
    const badName = await strata('commit', 'cli-refused', 'Cli/Bad:1')
    expect(badName.code).toBe(2)
    expect(badName.stderr.split('\n')[0]).toBe("strata: uppercase letters are not allowed in a repository name: 'Cli/Bad'")
    const badTag = await strata('commit', 'cli-refused', 'cli/ok:-1')
    expect(badTag.code).toBe(2)
    expect(badTag.stderr).toContain("the tag '-1' starts with '-'")
    const run = await strata('commit', 'cli-refused', 'cli/ok:1', '--change', 'RUN apt-get update')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--change: RUN cannot be applied by a commit')
    const port = await strata('commit', 'cli-refused', '--change', 'EXPOSE 99999')
    expect(port.code).toBe(2)
    expect(port.stderr).toContain("changes.expose.0: '99999': the port must be from 1 to 65535")
    expect((await strata('commit', 'cli-refused', 'a', 'b')).code).toBe(2)
    expect((await strata('commit', 'cli-refused', '--size')).code).toBe(2)
    expect((await strata('images', '--move-tag')).code).toBe(2)
    expect(await imageCount(docker)).toBe(before)
  })

  it('commit of a container that does not exist exits 1', async () => {
    const run = await strata('commit', 'no-such-container', 'cli/none:1')
    expect(run).toMatchObject({ code: 1, stdout: '' })
    expect(run.stderr).toBe('strata: No container no-such-container: it does not exist, or was removed.\n')
  })
})

describe('strata containers, start, stop, restart and rm-container', () => {
  it('lists, starts, stops and removes a container', async () => {
    const container = await docker.createContainer({ Image: FIXTURES.base.tag, name: 'cli-life', Cmd: ['sleep', '600'] })
    leftovers.container(container.id)

    const started = await strata('start', 'cli-life', '--json')
    expect(started.code).toBe(0)
    expect(JSON.parse(started.stdout)).toMatchObject({ id: container.id, name: 'cli-life', state: 'running' })
    expect((await strata('restart', 'cli-life', '-t', '1')).stdout).toMatch(/^Restarted cli-life \([0-9a-f]{12}\): Up/)

    const listed = await strata('containers', '--json', '--size')
    const mine = (JSON.parse(listed.stdout) as ContainerSummary[]).find((entry) => entry.id === container.id)
    expect(mine).toMatchObject({ name: 'cli-life', state: 'running', sizeRw: 0 })
    const table = await strata('containers')
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+CONTAINER ID\s+IMAGE\s+STATE\s+STATUS\s+PORTS$/)
    expect(table.stdout).toMatch(/\ncli-life\s+[0-9a-f]{12}\s+strata-fixture\/base:1\s+running\s+Up/)

    const refused = await strata('rm-container', 'cli-life')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe('strata: Container cli-life is running: stop it first, or remove it with force.\n')
    expect((await strata('stop', 'cli-life', '-t', '1')).stdout).toMatch(/^Stopped cli-life \([0-9a-f]{12}\): Exited/)
    expect((await strata('stop', 'cli-life')).code).toBe(0)
    expect((await strata('stop', 'cli-life', '-t', 'soon')).code).toBe(2)
    const removed = await strata('rm-container', 'cli-life', '--json')
    expect(JSON.parse(removed.stdout)).toEqual({ removed: true, id: container.id })
    expect((await strata('start', 'cli-life')).code).toBe(1)
  })
})
