/** The core's layer failures (shared/failures/layer.ts), in English: the same words, keyed without the 'layer.' prefix. */
export const layerFailures = {}
