import { z } from 'zod'
import type { MethodName } from './methods'
import type { EventName, EventPayloads } from './events'
import type { StreamClient, StreamHandlers, StreamName } from './streams'
import type { StreamInputArgument } from './stream-contract'
import type { ArchiveAnalysis, ConnectionState, ContainerSummary, DeletePlan, DiskUsage, EngineInfo, FileContent, ImageAnalysis, ImageDetail, ImageDiff, ImageRow, ImageSummary, RemovePlatformResult, RemoveResult, RemoveSetPlan, RemoveSetResult, TreeEntry, TreeListing } from './types'
import type { LayerChains } from './types'
import type { CommitPreview, CommitResult, ContainerChanges, ContainerLogSize, ContainerRemoved } from './types'
import { commitInputIssues, type ChangeIssue } from './commit-changes'
import type { Problem } from './problems'
import { objectRefSchema } from './object-ref-schema'
import type { LoadResult, LocalPlatforms, LoginResult, LogoutResult, PullResult, PushResult, RemoteImage, SaveResult, TagResult } from './types'
import { cleanupExecuteInput, cleanupOptions } from './cleanup-input'
import { policyName, policyRun, savePolicyInput } from './policy-input'
import type { CleanupPlan, CleanupReport, EngineSwitch } from './types'
import type { CacheClearResult, CacheUsage, StrataSettings, TrustedHostKey } from './types'
import { filePathIssue } from './file-path'
import type { EngineDiscovery, EngineProbe } from './engine-discovery'
import { runContainerInput } from './run-input'
import type { RunResult } from './types'
import type { ContainerFileListing } from './container-files'
import type { ContainerInspectView } from './container-inspect'
import type { ImageAdvice } from './advice'

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

/** An image or container ID (full or a prefix), a name or a reference, by one grammar (shared/object-ref.ts). */
export const objectRef = objectRefSchema

/** A file on the machine the core runs on, named absolutely. */
const filePath = z
  .string()
  .max(4096)
  .superRefine((path, context) => {
    const issue = filePathIssue(path)
    if (issue !== null) context.addIssue({ code: 'custom', message: issue })
  })

/** A path inside an image: no "..", no NUL; "" is the root. A missing layer means the top one. */
export const imagePath = z
  .string()
  .max(4096)
  .refine((path) => !path.split('/').includes('..') && !path.includes('\0'), 'not a path inside the image')
  // Paths inside the image are written with or without the leading slash (/bin/sh as bin/sh).
  .transform((path) => path.replace(/^\/+/, ''))

/** A path inside a container, as imagePath; control characters are refused too (they would be shown as something else). */
const containerPath = z
  .string()
  .max(4096)
  .refine((path) => !path.split('/').includes('..'), "not a path inside the container: it has a '..' part")
  .refine((path) => !hasControlCharacter(path), 'not a path inside the container: it has control characters')
  .transform((path) => path.replace(/^\/+/, '').replace(/\/+$/, ''))

export const layerIndex = z.number().int().min(0).max(10_000)

/** Reports the issues of the shared commit checks as schema issues, so the boundary refuses them with their field paths. */
function refineWith<T>(check: (value: T) => ChangeIssue[]) {
  return (value: T, context: { addIssue(issue: { code: 'custom'; message: string; path: (string | number)[]; params: { problem: Problem } }): void }): void => {
    // The problem rides along in params, so the boundary's INVALID_INPUT carries it for the renderer to word.
    for (const issue of check(value)) context.addIssue({ code: 'custom', message: issue.message, path: issue.path, params: { problem: issue.problem } })
  }
}

const longText = z.string().max(65_536)
const textList = z.array(longText).max(1000)
const seconds = z.number()

/** Shapes only; commitChangeIssues checks the meaning (names, ports, paths, signals). */
const commitChanges = z
  .object({
    cmd: textList.optional(),
    entrypoint: textList.optional(),
    env: textList.optional(),
    expose: z.array(z.string().max(32)).max(1000).optional(),
    labels: z.record(z.string().max(1024), longText).optional(),
    user: z.string().max(256).optional(),
    workdir: z.string().max(4096).optional(),
    volumes: z.array(z.string().max(4096)).max(1000).optional(),
    stopSignal: z.string().max(32).optional(),
    healthcheck: z
      .union([
        z.object({ none: z.literal(true) }).strict(),
        z.object({ test: textList, intervalSeconds: seconds.optional(), timeoutSeconds: seconds.optional(), startPeriodSeconds: seconds.optional(), retries: z.number().optional() }).strict(),
      ])
      .optional(),
    onbuild: textList.optional(),
  })
  .strict()

const containerStopTimeout = z.number().int().min(0).max(3600).default(10)

const taskId = z.string().min(1).max(100)
export const MIN_CACHE_CAP_BYTES = 64_000_000
export const MAX_CACHE_CAP_BYTES = 16_000_000_000_000

export const themeChoice = z.enum(['system', 'light', 'dark'], { error: "not a theme: use 'system', 'light' or 'dark'" })
export const languageChoice = z.enum(['system', 'en', 'zh-CN'], { error: "not a language Strata speaks: use 'system', 'en' or 'zh-CN'" })
export const sidebarChoice = z.enum(['auto', 'expanded', 'collapsed'], { error: "not a sidebar state: use 'auto', 'expanded' or 'collapsed'" })
export const cacheCapBytes = z
  .number({ error: 'not a number of bytes' })
  .int('not a whole number of bytes')
  .min(MIN_CACHE_CAP_BYTES, 'below the smallest cache cap, 64 MB')
  .max(MAX_CACHE_CAP_BYTES, 'above the largest cache cap, 16 TB')
/** os/arch[/variant] for a default pull platform ('all' is not a default). */
export const pullPlatform = z
  .string()
  .max(100)
  .regex(/^[a-z0-9_]+\/[a-z0-9_]+(\/[a-z0-9_.]+)?$/i, 'not os/arch[/variant], e.g. linux/amd64 or linux/arm/v7')
export const engineName = z
  .string()
  .trim()
  .min(1, 'an engine name cannot be empty')
  .max(64, 'an engine name has at most 64 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._@()-]*$/u, 'an engine name is letters, digits, spaces and . _ - @ ( ), starting with a letter or digit')
/** An engine address as engines.use takes it; its meaning is checked by the endpoint parser (parseHost). */
export const engineHost = z
  .string()
  .trim()
  .min(1, 'an engine address cannot be empty')
  .max(2048)
  .refine((host) => !hasControlCharacter(host), 'has control characters')

/** A tcp:// engine's TLS files (absolute paths on the core's machine); a client certificate comes with its key, and no CA means the system's CAs. */
export const engineTls = z
  .object({ ca: filePath.nullable(), cert: filePath.nullable(), key: filePath.nullable(), verify: z.boolean() })
  .strict()
  .refine((tls) => (tls.cert === null) === (tls.key === null), 'a client certificate and its key go together: give both or neither')

/** os/arch[/variant] as `docker pull --platform` takes it, or 'all'. */
const platformText = z.string().regex(/^(all|[a-z0-9_]+\/[a-z0-9_]+(\/[a-z0-9_.]+)?)$/i, 'not os/arch[/variant] or all')
/** A registry as `docker login` takes it: host[:port], or a URL of it. */
const registryAddress = z.string().min(1).max(512).regex(/^[A-Za-z0-9][A-Za-z0-9_.:/[\]-]*$/, 'not a registry address')

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}

export const contract = {
  'engine.info': method<EngineInfo>()(noInput),
  'engine.state': method<ConnectionState>()(noInput),
  'engine.diskUsage': method<DiskUsage>()(noInput),
  /**
   * Switches every later call and event to another engine, live: host as --host takes it,
   * null for the docker CLI's order. Running tasks are cancelled (named in the answer);
   * `save` makes it the engine the app and `strata serve` open next time.
   */
  'engines.use': method<EngineSwitch>()(
    z
      .object({
        host: z
          .string()
          .trim()
          .min(1)
          .max(2048)
          .refine((host) => !hasControlCharacter(host), 'has control characters')
          .nullable(),
        save: z.boolean().optional(),
        /** Only for a tcp:// host: its own TLS files instead of DOCKER_TLS_VERIFY / DOCKER_CERT_PATH. */
        tls: engineTls.nullable().optional(),
      })
      .strict(),
  ),
  /** The fast first answer: tags and sizes from one engine call, before sharing and containers are known. */
  'images.rows': method<ImageRow[]>()(noInput),
  'images.list': method<ImageSummary[]>()(
    z.object({ dangling: z.boolean().optional() }).strict(),
  ),
  'images.get': method<ImageSummary>()(z.object({ id: objectRef }).strict()),
  'images.inspect': method<ImageDetail>()(z.object({ ref: objectRef }).strict()),
  'images.blockers': method<DeletePlan>()(z.object({ ref: objectRef }).strict()),
  /** Every listed image's chain IDs and their sizes, from the catalog (no extra engine call once it is loaded). */
  'images.chains': method<LayerChains>()(noInput),
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
  /** Deletes one platform's content of a multi-platform image (containerd store, API 1.50+); refused elsewhere, before anything is deleted (an image that is not there is not found first). */
  'images.removePlatform': method<RemovePlatformResult>()(
    z
      .object({
        id: objectRef,
        platform: z.object({ os: z.string().min(1).max(64).regex(/^[a-z0-9_.-]+$/i), architecture: z.string().min(1).max(64).regex(/^[a-z0-9_.-]+$/i), variant: z.string().max(64).regex(/^[a-z0-9_.-]*$/i).nullable() }).strict(),
      })
      .strict(),
  ),
  /** What deleting several images at once would do: the blockers of the whole set and the bytes it frees, over chain IDs. */
  'images.planRemoveSet': method<RemoveSetPlan>()(z.object({ ids: z.array(objectRef).min(1).max(1000) }).strict()),
  /** Deletes several images, children first; reports each image and the layer bytes measured before and after. */
  'images.removeSet': method<RemoveSetResult>()(
    z
      .object({
        ids: z.array(objectRef).min(1).max(1000),
        /** Stop and remove the containers of these images first. */
        removeContainers: z.boolean().default(false),
        /** blockerKey() of every blocker the user confirmed; with removeContainers, a different set at run time is refused. */
        confirmedBlockers: z.array(z.string().max(600)).max(10_000).default([]),
        /** Names the progress events of this delete. */
        taskId: taskId.optional(),
      })
      .strict(),
  ),
  /** size: also measure each writable layer (sizeRw, sizeRootFs); slow with many containers. */
  'containers.list': method<ContainerSummary[]>()(z.object({ size: z.boolean().default(false) }).strict()),
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
  /**
   * Analyzes a `docker save` or OCI archive (plain, gzip or zstd) on the core's machine without
   * loading it: the same analysis as layers.analyze, plus what the archive itself says.
   */
  'layers.analyzeArchive': method<ArchiveAnalysis>()(
    z
      .object({
        path: filePath,
        files: z.boolean().default(false),
        /** Names the progress events of this analysis. */
        taskId: taskId.optional(),
      })
      .strict(),
  ),
  /** How the image could give bytes back: wasted, removable and duplicate bytes by cause, with the instructions involved. */
  'layers.advice': method<ImageAdvice>()(
    z
      .object({
        ref: objectRef,
        /** Names the progress events of the export, when one is needed. */
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
        /** Lets tasks.cancel stop a search a newer one replaced. */
        taskId: taskId.optional(),
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
  /** Each answers the container afresh; one already in the asked state is not an error. */
  'containers.start': method<ContainerSummary>()(z.object({ id: objectRef }).strict()),
  'containers.stop': method<ContainerSummary>()(z.object({ id: objectRef, timeoutSeconds: containerStopTimeout }).strict()),
  'containers.restart': method<ContainerSummary>()(z.object({ id: objectRef, timeoutSeconds: containerStopTimeout }).strict()),
  /** Refused with CONFLICT while the container runs, unless force. */
  'containers.remove': method<ContainerRemoved>()(
    z.object({ id: objectRef, volumes: z.boolean().default(false), force: z.boolean().default(false) }).strict(),
  ),
  /** What the container's writable layer adds, modifies and deletes, as GET /containers/{id}/changes reports it. */
  'containers.changes': method<ContainerChanges>()(z.object({ id: objectRef }).strict()),
  /** GET /containers/{id}/json as the engine answers it, with state, mounts and network summarised. */
  'containers.inspect': method<ContainerInspectView>()(z.object({ id: objectRef }).strict()),
  /** One folder of the container's filesystem: the image's merged tree under its writable layer, each entry with its origin. */
  'containers.files': method<ContainerFileListing>()(
    z
      .object({ id: objectRef, path: containerPath.default(''), onlyChanges: z.boolean().default(false) })
      .strict(),
  ),
  /**
   * Makes an image of the container. A repository:tag that names another image is
   * refused with CONFLICT unless moveTag; nothing is created when anything is refused.
   */
  'containers.commit': method<CommitResult>()(
    z
      .object({
        id: objectRef,
        repository: z.string().max(512).optional(),
        tag: z.string().max(200).optional(),
        comment: z.string().max(65_536).optional(),
        author: z.string().max(1024).optional(),
        /** The engine's default; pausing keeps a running container's files consistent while they are copied. */
        pause: z.boolean().default(true),
        changes: commitChanges.default({}),
        moveTag: z.boolean().default(false),
      })
      .strict()
      .superRefine(refineWith(commitInputIssues)),
  ),
  /** The container's config, the config a commit with these changes would give, and who holds the tag now. */
  'containers.commitPreview': method<CommitPreview>()(
    z
      .object({ id: objectRef, repository: z.string().max(512).optional(), tag: z.string().max(200).optional(), changes: commitChanges.default({}) })
      .strict()
      .superRefine(refineWith(commitInputIssues)),
  ),
  /**
   * Creates a container from an image as `docker run` would (never pulling), then starts it
   * unless start is false. Every field is checked before the engine is asked; a container
   * that was created but did not start is named in the error (detail.id).
   */
  'containers.run': method<RunResult>()(runContainerInput),
  /**
   * Each container's log driver, rotation and bytes on disk (stat only, never read or
   * truncated), or one container's by ID, prefix or name. Sizes are null with a reason
   * where this host cannot see the engine's files.
   */
  'containers.logSizes': method<ContainerLogSize[]>()(z.object({ id: objectRef.optional() }).strict()),
  /** What a cleanup with these options would remove, the bytes it frees over chain IDs, and what it keeps and why. Reads only. */
  'cleanup.plan': method<CleanupPlan>()(cleanupOptions),
  /** Removes the confirmed items that a fresh plan with the same options still holds; never forces. */
  'cleanup.execute': method<CleanupReport>()(cleanupExecuteInput),
  /** A remote reference read without pulling: platforms, their manifests, layer sizes and what is here already. */
  'registry.inspect': method<RemoteImage>()(z.object({ ref: objectRef, taskId: taskId.optional() }).strict()),
  /** Pulls with the user's docker credentials; platform is os/arch[/variant] or 'all'. Progress: 'progress' (bytes) and 'transfer.layer'. */
  'registry.pull': method<PullResult>()(z.object({ ref: objectRef, platform: platformText.optional(), taskId: taskId.optional() }).strict()),
  'registry.push': method<PushResult>()(z.object({ ref: objectRef, taskId: taskId.optional() }).strict()),
  /** Checks the credentials with the engine, then stores them as `docker login` would (credential helper or config.json). */
  'registry.login': method<LoginResult>()(
    z.object({ registry: registryAddress, username: z.string().min(1).max(1024), password: z.string().min(1).max(65_536) }).strict(),
  ),
  'registry.logout': method<LogoutResult>()(z.object({ registry: registryAddress }).strict()),
  /** Points target (repo[:tag]) at the image source names. */
  'images.tag': method<TagResult>()(z.object({ source: objectRef, target: objectRef }).strict()),
  /** `docker save` of the images to a file on the core's machine; nothing is left under that name when it fails. */
  'images.save': method<SaveResult>()(z.object({ refs: z.array(objectRef).min(1).max(1000), path: filePath, taskId: taskId.optional() }).strict()),
  'images.load': method<LoadResult>()(z.object({ path: filePath, taskId: taskId.optional() }).strict()),
  /** The index and platforms behind a local image: from the engine (API 1.47+) or from its repo digests' registries. */
  'images.platforms': method<LocalPlatforms>()(z.object({ ref: objectRef }).strict()),
  /** Strata's settings as the config folder holds them now. */
  'settings.get': method<StrataSettings>()(noInput),
  /** Pins (or unpins) an image: cleanup plans never include pinned images, on any transport. Answers the settings after the change. */
  'settings.pinImage': method<StrataSettings>()(z.object({ ref: objectRef, pinned: z.boolean() }).strict()),
  /** Changes theme, language, sidebar, cache cap and default pull platform; fields left out stay as they are. Answers the settings after the change. */
  'settings.update': method<StrataSettings>()(
    z
      .object({
        theme: themeChoice.optional(),
        language: languageChoice.optional(),
        sidebar: sidebarChoice.optional(),
        cacheCapBytes: cacheCapBytes.nullable().optional(),
        defaultPullPlatform: pullPlatform.nullable().optional(),
      })
      .strict()
      .refine((input) => Object.keys(input).length > 0, 'names nothing to change (theme, language, sidebar, cacheCapBytes or defaultPullPlatform)'),
  ),
  /** Saves (or renames the address of) a named engine; the host is checked as engines.use checks it. */
  'settings.saveEngine': method<StrataSettings>()(z.object({ name: engineName, host: engineHost, tls: engineTls.nullable().optional() }).strict()),
  /** Forgets a saved engine by name; the engine in use and the default are not changed. */
  'settings.removeEngine': method<StrataSettings>()(z.object({ name: engineName }).strict()),
  /**
   * Saves a cleanup policy: its options (no pins: a run takes the pinned list as it is then),
   * schedule and the preview it was saved with (promised). A new name must be free; with
   * previousName the policy saved under it is replaced (renamed) and keeps its lastRun.
   */
  'settings.savePolicy': method<StrataSettings>()(savePolicyInput),
  /** Forgets a saved cleanup policy by name. */
  'settings.removePolicy': method<StrataSettings>()(z.object({ name: policyName }).strict()),
  /** Records the outcome of a policy's latest run; a scheduled policy next runs an interval after it. */
  'settings.recordPolicyRun': method<StrataSettings>()(z.object({ name: policyName, run: policyRun }).strict()),
  /** Bytes and files of the cache folder, per part (images: inspect data per engine; layers: layer file indexes). */
  'cache.usage': method<CacheUsage>()(noInput),
  /** Removes what the cache folder holds (never anything outside it); everything in it can be read again from the engine. */
  'cache.clear': method<CacheClearResult>()(noInput),
  /** Every engine this machine names (DOCKER_HOST, contexts, each product's socket), each asked in parallel whether it answers. */
  'engines.discover': method<EngineDiscovery>()(z.object({ timeoutMs: z.number().int().min(100).max(10_000).optional() }).strict()),
  /**
   * Asks one address (with its TLS files) who answers there, without switching to it:
   * "Test connection". An ssh engine is connected to, since the user named it; an
   * unknown host key is refused with HOST_KEY_UNKNOWN and may then be trusted.
   */
  'engines.probe': method<EngineProbe>()(
    z.object({ host: engineHost, tls: engineTls.nullable().optional(), timeoutMs: z.number().int().min(100).max(30_000).optional() }).strict(),
  ),
  /**
   * Adds to known_hosts the host key an ssh engine presented on the last refused
   * attempt. Only that key: the fingerprint must be the one the refusal showed.
   */
  'engines.trustHostKey': method<TrustedHostKey>()(
    z
      .object({
        endpoint: z.string().min(7).max(2048).regex(/^ssh:\/\/[^\s\0]+$/, 'not an ssh:// endpoint'),
        fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'not a SHA256 fingerprint as ssh-keygen -lf prints it'),
      })
      .strict(),
  ),
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
  /** Opens a stream (logs, stats, a terminal); data is acknowledged as each handler returns. */
  openStream<N extends StreamName>(name: N, input: StreamInputArgument<N>, handlers: StreamHandlers<N>): StreamClient<N>
  /**
   * Whether the transport to the core is up (the browser host's events socket);
   * told at once, then on each change. A transport that cannot break (Electron IPC) has none.
   */
  onTransport?(listener: (connected: boolean, refused: boolean) => void): () => void
}
