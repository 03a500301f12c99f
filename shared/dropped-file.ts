import type { LoadImagesFromResult } from './image-files'
import type { ArchiveAnalysis } from './types/files'

/**
 * Loading an image archive dropped on the app's window. The page holds only a File;
 * the preload asks Electron for its path (webUtils.getPathForFile, which answers only
 * for files the user really dropped or picked) and sends it here, so the page never
 * names a path, and the main process still checks it is an archive before reading.
 * Kept free of schema code so the sandboxed preload can bundle it.
 */
export const IPC_LOAD_DROPPED_FILE_CHANNEL = 'strata:load-dropped-file'

/** What the preload sends the main process; the page gives only the File and the task ID. */
export interface LoadDroppedFileRequest {
  path: string
  taskId?: string
}

export type LoadDroppedFileResult = Extract<LoadImagesFromResult, { outcome: 'loaded' }>

/** Analyzing a dropped archive without loading it: layers.analyzeArchive on the path the preload found, checked as for a load. */
export const IPC_ANALYZE_DROPPED_FILE_CHANNEL = 'strata:analyze-dropped-file'

/** What the preload sends for an analysis; the page gives only the File and the task ID. */
export interface AnalyzeDroppedFileRequest {
  path: string
  taskId?: string
}

export type AnalyzeDroppedFileResult = ArchiveAnalysis

/**
 * Names that `docker load` reads: a plain tar, or one compressed with gzip (the engine
 * decompresses it). zstd is left out: only recent engines read it, and Podman's load does not say.
 */
export const LOADABLE_ARCHIVE_SUFFIXES: readonly string[] = ['.tar', '.tar.gz', '.tgz']

/** Whether a file name looks like an archive docker load reads; case does not matter (IMAGE.TAR from a Windows share). */
export function isLoadableArchiveName(name: string): boolean {
  const lower = name.toLowerCase()
  return LOADABLE_ARCHIVE_SUFFIXES.some((suffix) => lower.endsWith(suffix) && lower.length > suffix.length)
}
