import { z } from 'zod'
import { objectRef } from './contract'
import type { StreamName } from './streams'

/** Docker's `since` for logs: Unix seconds (with a fraction), or an RFC 3339 time. */
const logsSince = z
  .string()
  .max(64)
  .regex(/^(\d{1,12}(\.\d{1,9})?|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2}))$/, 'not Unix seconds or an RFC 3339 time such as 2026-12-04T10:00:00Z')

/** The input each stream opens with; every transport checks it before the engine is asked. */
export const streamInputs = {
  'containers.logs': z
    .object({
      id: objectRef,
      follow: z.boolean().default(false),
      timestamps: z.boolean().default(false),
      since: logsSince.optional(),
      /** Only the last N lines; none: all of them. */
      tail: z.number().int().min(0).max(10_000_000).optional(),
    })
    .strict(),
  'containers.stats': z.object({ id: objectRef }).strict(),
  'containers.terminal': z
    .object({
      id: objectRef,
      /** A shell to run; none: the first of /bin/bash, /bin/sh, /bin/ash the container has. */
      shell: z.enum(['/bin/bash', '/bin/sh', '/bin/ash']).optional(),
      cols: z.number().int().min(2).max(1000),
      rows: z.number().int().min(1).max(1000),
    })
    .strict(),
} as const satisfies Record<StreamName, z.ZodType>

export type StreamInput<N extends StreamName> = z.output<(typeof streamInputs)[N]>
/** What a caller passes (defaults may be left out). */
export type StreamInputArgument<N extends StreamName> = z.input<(typeof streamInputs)[N]>

/** What a terminal accepts while open: keystrokes (a paste may be long) and pane sizes. */
export const terminalMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('input'), data: z.string().min(1).max(1024 * 1024) }).strict(),
  z.object({ kind: z.literal('resize'), cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(1000) }).strict(),
])
