import type Docker from 'dockerode'

/** Containers and images a test file made, removed (forced) when it ends. */
export class Leftovers {
  private readonly containers = new Set<string>()
  private readonly images = new Set<string>()

  constructor(private readonly docker: Docker) {}

  container(id: string): string {
    this.containers.add(id)
    return id
  }

  image(id: string): string {
    this.images.add(id)
    return id
  }

  async clean(): Promise<void> {
    for (const id of this.containers) await this.docker.getContainer(id).remove({ force: true }).catch(() => undefined)
    for (const id of this.images) await this.docker.getImage(id).remove({ force: true }).catch(() => undefined)
  }
}

/** Runs `script` with sh in a new container and waits for it to exit. */
export async function ranContainer(docker: Docker, leftovers: Leftovers, image: string, name: string, script: string): Promise<Docker.Container> {
  const container = await docker.createContainer({ Image: image, name, Cmd: ['sh', '-c', script] })
  leftovers.container(container.id)
  await container.start()
  const exit = (await container.wait()) as { StatusCode: number }
  if (exit.StatusCode !== 0) throw new Error(`${name} exited with ${String(exit.StatusCode)}`)
  return container
}

/** A container that keeps running until killed (sleep as PID 1 ignores SIGTERM). */
export async function sleepingContainer(docker: Docker, leftovers: Leftovers, image: string, name: string): Promise<Docker.Container> {
  const container = await docker.createContainer({ Image: image, name, Cmd: ['sleep', '600'] })
  leftovers.container(container.id)
  await container.start()
  return container
}

/** Every image the engine holds, intermediate ones included. */
export async function imageCount(docker: Docker): Promise<number> {
  return (await docker.listImages({ all: true })).length
}
