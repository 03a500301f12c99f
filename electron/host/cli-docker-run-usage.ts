/** What `strata --help` shows of `strata run`, and where the command starts in argv; no engine or schema code. */

export const RUN_USAGE = `  run [OPTIONS] <image> [COMMAND [ARG...]]
                              create and start a container from a local image (never pulls) and print
                              its ID at once, as docker run -d; --json prints the new container.
                              Options as docker run names them: --name NAME, -e/--env KEY=VALUE,
                              -l/--label KEY=VALUE, -p/--publish [IP:][HOST_PORT:]PORT[/PROTO],
                              -v/--volume SOURCE:TARGET[:ro] (an absolute SOURCE is a host path, else a
                              volume name), -w/--workdir DIR, -u/--user USER[:GROUP], --entrypoint CMD,
                              --restart no|always|unless-stopped|on-failure[:N], --network NET, --rm,
                              -t/--tty, -i/--interactive; options go before <image>`

/** Options every command takes that are written with their value (--host X); run finds its own name past them. */
const GLOBAL_WITH_VALUE = new Set(['--host', '--engine'])

/**
 * The index of `run` when it is the command, else -1. Run parses its own options
 * (docker's, which stop at the image), so it is found before the shared parser sees argv.
 */
export function runCommandIndex(argv: string[]): number {
  return commandWordIndex(argv, 'run')
}

/** The index of the command word when it is `name`, else -1: for commands that parse their own options (run, logs). */
export function commandWordIndex(argv: string[], name: string): number {
  for (let index = 0; index < argv.length; index += 1) {
    const word = argv[index] ?? ''
    if (GLOBAL_WITH_VALUE.has(word)) {
      index += 1
      continue
    }
    if (word === '--') return argv[index + 1] === name ? index + 1 : -1
    if (word.startsWith('-')) continue
    return word === name ? index : -1
  }
  return -1
}
