/** The core's container failures (shared/failures/container.ts), in English: the same words, keyed without the 'container.' prefix. */
export const containerFailures = {
  // Looking a container up (containers/inspect.ts, inspect-view.ts).
  notFound: 'No container {id}: it does not exist, or was removed.',
  removedAfterAction: 'Container {name} was removed right after (it was created with --rm).',
  // Start, stop, restart, remove (containers/lifecycle.ts).
  removedMeanwhile: 'Container {name} was removed meanwhile.',
  engineRefused: 'The engine refused for container {name}: {reason}',
  removeRunning: 'Container {name} is running: stop it first, or remove it with force.',
  removePaused: 'Container {name} is paused: stop it first, or remove it with force.',
  // Run (containers/run.ts).
  runImageMissing: 'No image {image} here; Strata runs local images only: pull it first.',
  runConflict: '{reason}; nothing was created.',
  runRefused: 'The engine refused the container: {reason}; nothing was created.',
  runNotFound: '{reason}; nothing was created.',
  startFailedRemoved: 'Created container {id}, but it did not start: {reason}. The engine removed it again (remove when stopped).',
  startFailedGone: 'Created container {id}, but it did not start: {reason}. It is gone now.',
  startFailedRemains: 'Created container {id}, but it did not start: {reason}. It is still there, {state}: fix the cause and start it, or remove it (strata rm-container {id}).',
  removedAfterCreate: 'Container {id} was removed right after it was created.',
  removedAfterStart: 'Container {id} started, then was removed before it could be read.',
  // Commit (containers/commit.ts).
  commitRemoving: 'Container {name} is being removed; it cannot be committed.',
  commitDead: 'Container {name} is dead (a removal failed half way); the engine cannot commit it.',
  tagTakenDangling: '{tag} already names image {image}; committing would move the tag, leaving that image without a name (dangling). Choose another tag, or move it.',
  tagTakenKeeps: '{tag} already names image {image}; committing would move the tag (it keeps {otherTags}). Choose another tag, or move it.',
  commitRemovedMeanwhile: 'Container {name} was removed meanwhile; nothing was committed.',
  commitConflict: 'The engine cannot commit container {name} now ({reason}); nothing was committed.',
  commitRefused: 'The engine refused the changes: {reason}',
  // The container's files and changes (containers/files.ts, changes.ts).
  pathAbsent: 'No /{path} in the container.',
  imageGone: "The container's image {imageId} is gone (deleted with force while the container stayed), so its read-only layers cannot be read.",
  notFolder: '/{path} is not a folder.',
  notFolderInContainer: '/{path} is not a folder in the container.',
  changesNotList: 'The engine answered the changes request with something that is not a list: {answer}',
  // Logs, stats and terminal streams (containers/streams/, streams/).
  terminalNotRunning: 'Container {name} is not running: start it to open a terminal in it.',
  noShell: 'Container {name} has no shell: none of {shells} is in it.',
  streamInputInvalid: 'Invalid input for {stream}: {issues}',
  terminalMessageInvalid: 'Invalid terminal message: {issues}',
  streamTakesNoMessages: 'The {stream} stream takes no messages.',
  streamsEngineSwitched: 'The engine was switched; streams of the engine left were closed.',
  streamNotOpen: 'The stream is not open yet: wait for its first answer before sending.',
  streamEarlyMessages: 'More than {max} messages came before the stream was open.',
}
