/** English wording of the shell domain (the frame: dialogs, drop zone, find box); zh-CN/shell.ts mirrors every key. */
export const shell = {
  drop: {
    title: 'Drop an image archive to load or analyze it',
    hint: 'A docker save or OCI archive: .tar, .tar.gz or .tgz',
    open: 'Open {name}',
    nothing: 'Nothing to open',
    question: 'What should Strata do with this image archive?',
    choices: 'Choices',
    ok: 'OK',
  },
  find: {
    label: 'Find in {what}',
    placeholder: 'Find (Enter: next, Shift+Enter: previous)',
    counter: '{current} of {count}',
    atLeast: '{n}+',
    noMatches: 'No matches',
    previous: 'Previous match',
    next: 'Next match',
  },
}
