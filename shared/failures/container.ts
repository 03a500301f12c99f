/**
 * English wording of the core's container failures, keyed 'container.<name>': the core says them in
 * English (errors, the command line) and puts the id and its values in the error's detail, so
 * the renderer can word the same failure in the user's language
 * (renderer/i18n/messages/<locale>/failures/container.ts must say exactly this in English).
 * A `{reason}` is the engine's own message, passed on as it came.
 */
export const CONTAINER_FAILURES = {
  // Looking a container up (containers/inspect.ts, inspect-view.ts).
  'container.notFound': 'No container {id}: it does not exist, or was removed.',
  'container.removedAfterAction': 'Container {name} was removed right after (it was created with --rm).',
  // Start, stop, restart, remove (containers/lifecycle.ts).
  'container.removedMeanwhile': 'Container {name} was removed meanwhile.',
  'container.engineRefused': 'The engine refused for container {name}: {reason}',
  'container.removeRunning': 'Container {name} is running: stop it first, or remove it with force.',
  'container.removePaused': 'Container {name} is paused: stop it first, or remove it with force.',
  // Run (containers/run.ts).
  'container.runImageMissing': 'No image {image} here; Strata runs local images only: pull it first.',
  'container.runConflict': '{reason}; nothing was created.',
  'container.runRefused': 'The engine refused the container: {reason}; nothing was created.',
  'container.runNotFound': '{reason}; nothing was created.',
  'container.startFailedRemoved': 'Created container {id}, but it did not start: {reason}. The engine removed it again (remove when stopped).',
  'container.startFailedGone': 'Created container {id}, but it did not start: {reason}. It is gone now.',
  'container.startFailedRemains': 'Created container {id}, but it did not start: {reason}. It is still there, {state}: fix the cause and start it, or remove it (strata rm-container {id}).',
  'container.removedAfterCreate': 'Container {id} was removed right after it was created.',
  'container.removedAfterStart': 'Container {id} started, then was removed before it could be read.',
  // Commit (containers/commit.ts).
  'container.commitRemoving': 'Container {name} is being removed; it cannot be committed.',
  'container.commitDead': 'Container {name} is dead (a removal failed half way); the engine cannot commit it.',
  'container.tagTakenDangling': '{tag} already names image {image}; committing would move the tag, leaving that image without a name (dangling). Choose another tag, or move it.',
  'container.tagTakenKeeps': '{tag} already names image {image}; committing would move the tag (it keeps {otherTags}). Choose another tag, or move it.',
  'container.commitRemovedMeanwhile': 'Container {name} was removed meanwhile; nothing was committed.',
  'container.commitConflict': 'The engine cannot commit container {name} now ({reason}); nothing was committed.',
  'container.commitRefused': 'The engine refused the changes: {reason}',
  // The container's files and changes (containers/files.ts, changes.ts).
  'container.pathAbsent': 'No /{path} in the container.',
  'container.imageGone': "The container's image {imageId} is gone (deleted with force while the container stayed), so its read-only layers cannot be read.",
  'container.notFolder': '/{path} is not a folder.',
  'container.notFolderInContainer': '/{path} is not a folder in the container.',
  'container.changesNotList': 'The engine answered the changes request with something that is not a list: {answer}',
  // Logs, stats and terminal streams (containers/streams/, streams/).
  'container.terminalNotRunning': 'Container {name} is not running: start it to open a terminal in it.',
  'container.noShell': 'Container {name} has no shell: none of {shells} is in it.',
  'container.streamInputInvalid': 'Invalid input for {stream}: {issues}',
  'container.terminalMessageInvalid': 'Invalid terminal message: {issues}',
  'container.streamTakesNoMessages': 'The {stream} stream takes no messages.',
  'container.streamsEngineSwitched': 'The engine was switched; streams of the engine left were closed.',
  'container.streamNotOpen': 'The stream is not open yet: wait for its first answer before sending.',
  'container.streamEarlyMessages': 'More than {max} messages came before the stream was open.',
} as const
