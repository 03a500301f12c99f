/** The core's image failures (shared/failures/image.ts), in English: the same words, keyed without the 'image.' prefix. */
export const imageFailures = {
  // Deleting an image (electron/core/images/remove.ts).
  engineRefused: 'The engine refused: {message}',
  blockersChanged: 'What blocks this image changed since you confirmed; nothing was deleted. Review the blockers again.',
  childrenFirst: 'Images built on this one must be deleted first; Strata does not delete them for you.',
  partlyRemoved: '{failure} Before that, Strata {steps}; the image was not deleted.',
  partlyRemovedDeleted: '{failure} Before that, Strata {steps}; the image was deleted, but what it freed was not measured.',
  // Deleting one platform of an image (electron/core/images/remove-platform.ts).
  platformDeleteNeedsApi: 'Deleting only {platform} needs Engine API {minimum} or newer; this engine speaks {apiVersion}, where the engine would delete the whole image. Nothing was deleted.',
  platformDeleteClassicStore: 'Deleting only {platform} needs the containerd image store; on this engine an image ID holds one platform, so delete the image instead. Nothing was deleted.',
  // Strata's own cache folder (electron/core/cache/cache-folder.ts).
  cacheFolderRefused: 'The cache folder {folder} is not a folder Strata can clear.',
  outsideCacheFolder: '{target} is outside the cache folder {folder}.',
}
