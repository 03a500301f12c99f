import { z } from 'zod'
import { imagePath, layerIndex, objectRef } from './contract'

/**
 * Validates a save request the same way on every transport, before anything is read.
 * Paths inside the image are written with or without the leading slash (`/bin/sh`
 * is what people type; the explorer's paths have none), so it is dropped here.
 */
export const saveFileInput = z
  .object({
    ref: objectRef,
    layer: layerIndex.optional(),
    path: imagePath.refine((path) => path !== '', 'a file path is needed'),
  })
  .strict()
