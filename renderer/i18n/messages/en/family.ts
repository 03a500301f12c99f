/** English wording of the Family view; zh-CN/family.ts mirrors every key. */
export const family = {
  title: 'Family',
  intro: 'Every local image as a tree of the layers they share: a branch is where images part ways. Each layer run is stored once however many images hold it.',
  summary: '{images} · {runs} · {shared} shared',
  runs: '{n} layer run | {n} layer runs',
  search: 'Filter the family by image',
  searchPlaceholder: 'Tag or ID prefix',
  tree: 'Layer tree of the local images',
  loading: 'Reading the layer chains…',
  empty: 'No images on this engine yet.',
  noMatch: 'No image matches “{search}”.',
  /** A run of layers: how many, their bytes, how many images hold it. */
  layers: '{n} layer | {n} layers',
  sharedBy: 'shared by {n} image | shared by {n} images',
  onlyOne: 'one image',
  noLayers: 'no layers',
  unique: '{bytes} unique',
  moreTags: '+{n}',
  open: 'Open {name}',
  keys: 'Arrow keys move, Left and Right fold and unfold, Enter opens an image.',
}
