import { z } from 'zod'
import type { MethodName } from './methods'
import type { EventName, EventPayloads } from './events'
import type { ConnectionState, ContainerSummary, DeletePlan, DiskUsage, EngineInfo, FileContent, ImageAnalysis, ImageDetail, ImageDiff, ImageRow, ImageSummary, RemoveResult, TreeEntry, TreeListing } from './types'

/**
 * One declaration per API method: its input schema and (as a type) its result.
 * Every transport validates input against `input` before the core sees it.
 */
interface MethodSpec<Input extends z.ZodType, Result> {
  input: Input
  /** Never read at run time; carries the result type. */
  result?: Result
}

function method<Result>() {
  return <Input extends z.ZodType>(input: Input): MethodSpec<Input, Result> => ({ input })
}

const noInput = z.object({}).strict()

/** An image or container ID (full or a prefix of at least 4 hex digits), or a name/reference. */
export const objectRef = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:/@-]*$/, 'not an ID, name or image reference')

/** A path inside an image: no "..", no NUL; "" is the root. A missing layer means the top one. */
export const imagePath = z
  .string()
  .max(4096)
  .refine((path) => !path.split('/').includes('..') && !path.includes('\0'), 'not a path inside the image')

export const layerIndex = z.number().int().min(0).max(10_000)

export const contract = {
  'engine.info': method<EngineInfo>()(noInput),
  'engine.state': method<ConnectionState>()(noInput),
  'engine.diskUsage': method<DiskUsage>()(noInput),
  /** The fast first answer: tags and sizes from one engine call, before sharing and containers are known. */
  'images.rows': method<ImageRow[]>()(noInput),
  'images.list': method<ImageSummary[]>()(
    z.object({ dangling: z.boolean().optional() }).strict(),
  ),
  'images.get': method<ImageSummary>()(z.object({ id: objectRef }).strict()),
  'images.inspect': method<ImageDetail>()(z.object({ ref: objectRef }).strict()),
  'images.blockers': method<DeletePlan>()(z.object({ ref: objectRef }).strict()),
  /** Removes one tag; the image itself stays unless it was its last name and nothing else holds it. */
  'images.untag': method<RemoveResult>()(z.object({ tag: objectRef }).strict()),
  'images.remove': method<RemoveResult>()(
    z
      .object({
        id: objectRef,
        /** Stop and remove blocking containers and untag extra tags first. */
        clearBlockers: z.boolean().default(false),
        /** The engine's force: untags all and deletes even while stopped containers use the image. */
        force: z.boolean().default(false),
        /** blockerKey() of every blocker the user confirmed; a different set at run time is refused. */
        confirmedBlockers: z.array(z.string().max(600)).max(10_000).default([]),
      })
      .strict(),
  ),
  'containers.list': method<ContainerSummary[]>()(noInput),
  /** Streams the image's export through the layer parser: per-layer changes and wasted space. */
  'layers.analyze': method<ImageAnalysis>()(
    z
      .object({
        ref: objectRef,
        files: z.boolean().default(false),
        /** Names the progress events of this analysis. */
        taskId: z.string().min(1).max(100).optional(),
      })
      .strict(),
  ),
  /** One folder of the filesystem as of a layer (or only that layer's changes, removed paths included). */
  'layers.tree': method<TreeListing>()(
    z.object({ ref: objectRef, layer: layerIndex.optional(), path: imagePath.default(''), onlyChanges: z.boolean().default(false) }).strict(),
  ),
  /** Paths matching a substring or glob (*, ?, **) as of a layer, at most `limit`. */
  'layers.search': method<TreeEntry[]>()(
    z
      .object({
        ref: objectRef,
        layer: layerIndex.optional(),
        pattern: z.string().min(1).max(512),
        onlyChanges: z.boolean().default(false),
        limit: z.number().int().min(1).max(10_000).default(2000),
      })
      .strict(),
  ),
  /** A file's content as of a layer, read by streaming the export only up to it. */
  'layers.readFile': method<FileContent>()(
    z.object({ ref: objectRef, layer: layerIndex.optional(), path: imagePath, maxBytes: z.number().int().min(1).max(4 * 1024 * 1024).default(256 * 1024) }).strict(),
  ),
  'layers.diff': method<ImageDiff>()(z.object({ a: objectRef, b: objectRef }).strict()),
  /** Cancels a running call that was given this taskId; false when none is running. */
  'tasks.cancel': method<{ cancelled: boolean }>()(z.object({ taskId: z.string().min(1).max(100) }).strict()),
} as const satisfies Record<MethodName, MethodSpec<z.ZodType, unknown>>

export type Contract = typeof contract
export type MethodInput<N extends MethodName> = z.input<Contract[N]['input']>
export type ParsedInput<N extends MethodName> = z.output<Contract[N]['input']>
export type MethodResult<N extends MethodName> = Exclude<Contract[N]['result'], undefined>

// Compile-time proof that the contract declares exactly the listed methods.
type UndeclaredMethods = Exclude<MethodName, keyof Contract>
type UnlistedMethods = Exclude<keyof Contract, MethodName>
export const contractMatchesNames: [UndeclaredMethods, UnlistedMethods] extends [never, never] ? true : false = true

/** The typed client every transport adapter implements. */
export interface StrataApi {
  call<N extends MethodName>(method: N, input: MethodInput<N>): Promise<MethodResult<N>>
  /** Subscribes to a core event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}
