import { z } from 'zod'
import { objectRefSchema } from './object-ref-schema'
import { RESTART_POLICIES, runRequestIssues } from './run-checks'

/**
 * The input of containers.run: the shapes here, the meaning (names, ports, paths,
 * conflicts) in run-checks.ts, which the renderer and the command line share.
 */

const text = z.string().max(65_536)
const command = z.array(text).max(1000)
const port = z.number({ error: 'not a port number' })
const absolutePath = z.string().min(1, 'is empty: give an absolute path').max(4096)

const runPort = z
  .object({
    hostIp: z.string().max(64).optional(),
    hostPort: port.optional(),
    containerPort: port,
    protocol: z.enum(['tcp', 'udp', 'sctp'], { error: 'not a protocol: use tcp, udp or sctp' }).default('tcp'),
  })
  .strict()

const runMount = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('bind'), source: absolutePath, target: absolutePath, readOnly: z.boolean().default(false) }).strict(),
    z.object({ type: z.literal('volume'), name: z.string().min(1, 'a volume needs a name').max(255), target: absolutePath, readOnly: z.boolean().default(false) }).strict(),
  ],
  { error: "a mount's type is 'bind' (a host path) or 'volume' (a named volume)" },
)

export const runContainerInput = z
  .object({
    image: objectRefSchema,
    name: z.string().max(255).optional(),
    cmd: command.optional(),
    /** null clears the image's entrypoint. */
    entrypoint: command.nullable().optional(),
    env: z.array(text).max(10_000).optional(),
    ports: z.array(runPort).max(1000).optional(),
    mounts: z.array(runMount).max(1000).optional(),
    workingDir: z.string().max(4096).optional(),
    user: z.string().max(256).optional(),
    labels: z.record(z.string().max(1024), text).optional(),
    restart: z
      .object({
        name: z.enum(RESTART_POLICIES, { error: 'not a restart policy: use no, always, unless-stopped or on-failure' }),
        maxRetries: z.number({ error: 'not a number of retries' }).optional(),
      })
      .strict()
      .optional(),
    networkMode: z.string().max(255).optional(),
    tty: z.boolean().default(false),
    interactive: z.boolean().default(false),
    autoRemove: z.boolean().default(false),
    start: z.boolean().default(true),
  })
  .strict()
  .superRefine((request, context) => {
    for (const issue of runRequestIssues(request)) context.addIssue({ code: 'custom', message: issue.message, path: issue.path, params: { problem: issue.problem } })
  })

export type RunContainerInput = z.output<typeof runContainerInput>
