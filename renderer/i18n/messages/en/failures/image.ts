/** The core's image failures (shared/failures/image.ts), in English: the same words, keyed without the 'image.' prefix. */
export const imageFailures = {}
