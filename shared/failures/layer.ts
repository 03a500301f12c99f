/**
 * English wording of the core's layer failures, keyed 'layer.<name>': the core says them in
 * English (errors, the command line) and puts the id and its values in the error's detail, so
 * the renderer can word the same failure in the user's language
 * (renderer/i18n/messages/<locale>/failures/layer.ts must say exactly this in English).
 */
export const LAYER_FAILURES = {
  // Browsing one layer's filesystem (electron/core/layers/explorer.ts, tree-search.ts).
  'layer.noSuchLayer': 'The image has {layers} layers; there is no layer {layer}.',
  'layer.noPath': 'No {path} as of layer {layer}.',
  'layer.notFolder': '{path} is not a folder.',
  'layer.noFile': 'No file {path} as of layer {layer}.',
  'layer.notFile': '{path} is a {type}, not a file.',
  'layer.notFileLink': '{path} is a {type} to {link}, not a file.',
  'layer.missingFromIndex': 'Layer {layer} of {image} is missing from the index.',
  'layer.exportLacksFile': 'The export did not contain {path} in layer {layer}.',
  'layer.fileNotWritten': 'The file was not written.',
  'layer.destinationExists': '{destination} exists already; nothing was written.',
  'layer.extractCancelled': 'Extracting the file was cancelled; nothing was written.',
  'layer.searchCancelled': 'The search was cancelled.',
  'layer.patternTooLong': 'A search pattern has at most {max} characters; this one has {length}.',
  // Reading layers and image exports (layer-index.ts, export-reader.ts, stack.ts).
  'layer.layerAnalysisCancelled': 'The layer analysis was cancelled.',
  'layer.notTar': 'The layer is not a readable tar stream: {cause}',
  'layer.analysisCancelled': 'The analysis was cancelled.',
  'layer.adviceCancelled': 'The advice was cancelled.',
  'layer.exportUnreadable': 'The image export could not be read: {cause}',
  'layer.exportLacksEntry': 'The export has no {entry}.',
  'layer.entryNotJson': '{entry} in the export is not valid JSON.',
  'layer.layerMissing': 'The export lists layer {entry} but does not contain it (truncated export?).',
  'layer.exportLacksImage': 'The export does not hold image {image}.',
  'layer.archiveNotTar': '{path} is not an image archive: it is neither a tar nor a tar compressed with gzip or zstd.',
  'layer.notArchive': 'Neither manifest.json nor index.json is in the export: it is not an image archive.',
  'layer.indexTooDeep': 'The OCI index nests too deep.',
  'layer.ociNoImage': 'The OCI layout has no image.',
  'layer.ociNoImageForPlatform': 'The OCI layout has no image for {platform}.',
  'layer.layerCountMismatch': 'The image config lists {configLayers} layers but the manifest {manifestLayers}.',
  'layer.exportNotStream': 'The engine export did not arrive as a stream.',
  'layer.exportCancelled': 'Reading the export was cancelled.',
} as const
