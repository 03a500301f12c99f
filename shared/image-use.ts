/** What holds an image on the engine: the containers made from it and the images built on it. */
export interface ImageUse {
  /** Containers of any state whose image this is. */
  containers: number
  /** Images (listed or intermediate) whose parent chain leads to this one. */
  children: number
}

/**
 * The one meaning of "unused", for the Images filter and Cleanup alike: no container
 * uses the image and no image is built on it. A parent with children is NOT unused,
 * because what a user asks of "unused" is "what can I delete to get space back":
 * the engine refuses to delete a parent while children exist, and even forced it
 * would free nothing, since every layer of the parent is a layer of its children.
 * `docker image prune -a` draws the same line (it only considers images without children).
 */
export function isUnused(use: ImageUse): boolean {
  return use.containers === 0 && use.children === 0
}
