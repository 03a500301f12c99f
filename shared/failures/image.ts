/**
 * English wording of the core's image failures, keyed 'image.<name>': the core says them in
 * English (errors, the command line) and puts the id and its values in the error's detail, so
 * the renderer can word the same failure in the user's language
 * (renderer/i18n/messages/<locale>/failures/image.ts must say exactly this in English).
 */
export const IMAGE_FAILURES = {
  // Deleting an image (electron/core/images/remove.ts).
  'image.engineRefused': 'The engine refused: {message}',
  'image.blockersChanged': 'What blocks this image changed since you confirmed; nothing was deleted. Review the blockers again.',
  'image.childrenFirst': 'Images built on this one must be deleted first; Strata does not delete them for you.',
  /** {steps} is the English list of what was done ("stopped 1 container, untagged app:1"), as the command line says it. */
  'image.partlyRemoved': '{failure} Before that, Strata {steps}; the image was not deleted.',
  'image.partlyRemovedDeleted': '{failure} Before that, Strata {steps}; the image was deleted, but what it freed was not measured.',
  // Deleting one platform of an image (electron/core/images/remove-platform.ts).
  'image.platformDeleteNeedsApi': 'Deleting only {platform} needs Engine API {minimum} or newer; this engine speaks {apiVersion}, where the engine would delete the whole image. Nothing was deleted.',
  'image.platformDeleteClassicStore': 'Deleting only {platform} needs the containerd image store; on this engine an image ID holds one platform, so delete the image instead. Nothing was deleted.',
  // Strata's own cache folder (electron/core/cache/cache-folder.ts).
  'image.cacheFolderRefused': 'The cache folder {folder} is not a folder Strata can clear.',
  'image.outsideCacheFolder': '{target} is outside the cache folder {folder}.',
} as const
