import { contract } from './contract'

/**
 * The dialog requests take what images.save and images.load take, minus the path the
 * dialog supplies: derived from the contract so the two can never check differently.
 */
export const saveImagesAsInput = contract['images.save'].input.omit({ path: true })

export const loadImagesFromInput = contract['images.load'].input.omit({ path: true })
