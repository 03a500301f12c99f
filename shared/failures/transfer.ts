/**
 * English wording of the core's transfer failures, keyed 'transfer.<name>': the core says them in
 * English (errors, the command line) and puts the id and its values in the error's detail, so
 * the renderer can word the same failure in the user's language
 * (renderer/i18n/messages/<locale>/failures/transfer.ts must say exactly this in English).
 * A `{reason}` is the engine's or the operating system's own message, passed on as it came.
 */
export const TRANSFER_FAILURES = {
  // A path the user named (transfer/file-checks.ts).
  'transfer.pathEmpty': 'Not a usable file path: a file path is needed.',
  'transfer.pathNul': 'Not a usable file path: a file path holds no NUL character.',
  'transfer.pathRelative': 'Not a usable file path: "{path}" is relative; give the full path (such as /home/you/image.tar), since a relative one would be read from the folder Strata was started in.',
  'transfer.pathNotAbsoluteHere': 'Not a usable file path: "{path}" is not an absolute path on this machine.',
  // Writing a file (save, extract): transfer/file-errors.ts, file-checks.ts.
  'transfer.diskFull': 'No space left for {path}: its disk is full; nothing was written.',
  'transfer.quotaFull': 'No space left for {path}: the disk quota is used up; nothing was written.',
  'transfer.fileTooLarge': '{path} would be larger than its file system allows; nothing was written.',
  'transfer.readOnly': 'Cannot write {path}: {folder} is on a read-only file system; nothing was written.',
  'transfer.writeDenied': 'Cannot write {path}: permission denied in {folder}; nothing was written.',
  'transfer.folderMissing': 'Cannot write {path}: the folder {folder} does not exist.',
  'transfer.folderNotFolder': 'Cannot write {path}: {folder} is not a folder.',
  'transfer.destinationIsFolder': 'Cannot write {path}: it is a folder; name a file.',
  'transfer.writeFailed': 'Cannot write {path}: {reason}',
  'transfer.destinationCharacterDevice': '{path} is a character device, not a regular file; Strata replaces only files.',
  'transfer.destinationBlockDevice': '{path} is a block device, not a regular file; Strata replaces only files.',
  'transfer.destinationFifo': '{path} is a named pipe (FIFO), not a regular file; Strata replaces only files.',
  'transfer.destinationSocket': '{path} is a socket, not a regular file; Strata replaces only files.',
  'transfer.destinationSpecial': '{path} is a special file, not a regular file; Strata replaces only files.',
  'transfer.saveCancelled': 'The save was cancelled; nothing was written.',
  // Reading a file (load): transfer/file-errors.ts, file-checks.ts, load.ts.
  'transfer.sourceMissing': 'There is no file {path}.',
  'transfer.sourceFolderOnWay': 'There is no file {path}: a folder on the way is a file.',
  'transfer.readDenied': 'Cannot read {path}: permission denied.',
  'transfer.sourceIsFolder': '{path} is a folder, not an image archive.',
  'transfer.sourceNotRegular': '{path} is not a regular file.',
  'transfer.readFailed': 'Cannot read {path}: {reason}',
  'transfer.sourceCharacterDevice': '{path} is a character device, not a regular file.',
  'transfer.sourceBlockDevice': '{path} is a block device, not a regular file.',
  'transfer.sourceFifo': '{path} is a named pipe (FIFO), not a regular file.',
  'transfer.sourceSocket': '{path} is a socket, not a regular file.',
  'transfer.sourceSpecial': '{path} is a special file, not a regular file.',
  'transfer.loadFailed': 'The engine could not load {path}: {reason}',
} as const
