import { z } from 'zod'
import { imagePath, layerIndex, objectRef } from './contract'

/** Validates a save request the same way on every transport, before anything is read. */
export const saveFileInput = z
  .object({
    ref: objectRef,
    layer: layerIndex.optional(),
    path: imagePath.refine((path) => path !== '', 'a file path is needed'),
  })
  .strict()
