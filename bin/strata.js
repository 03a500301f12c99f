#!/usr/bin/env -S node --max-semi-space-size=2 --initial-old-space-size=64
// The small young generation is deliberate: an analysis keeps hundreds of thousands of
// index entries alive, and V8 otherwise grows the young generation to ~48 MB around
// them. Measured in bench/analyze: about 40 MB less peak memory, no slower.
// The 64 MB first old-generation limit: with a young generation this small, what survives
// it (export buffers held between stream hops) filled a small old generation fast, and a
// 275 MB Debian image took 17-33 full collections of a 10 MB heap while it streamed; with
// the limit, none, and less CPU (bench/analyze). A large image's heap passes 64 MB anyway.
import { existsSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'

// Functions are optimised by TurboFan after 8 times the usual work. A command runs for about
// a second, and most of what TurboFan compiled was code that then ran a few hundred times and
// was done: its compile threads took the CPU the engine needed to write the export, and the
// main thread installed the code. For a 108 MB image (bench/analyze, paired rounds) the
// export's body went from ~0.20 to ~0.14 s and the work after it from ~56 to ~40 ms; a 275 MB
// image and the 1 GB one were no slower (the hot loops of a long run are optimised a little
// later). Set here, not on the line above, and only on the V8s of Node 20 to 24 (11 to 13),
// which know the flag: on the command line an unknown flag stops Node, and here it prints an
// error on every command.
const v8Major = Number(process.versions.v8.split('.')[0])
if (v8Major >= 11 && v8Major <= 13) setFlagsFromString('--interrupt-budget=540672')

const entry = new URL('../out/main/cli.js', import.meta.url)
if (!existsSync(entry)) {
  process.stderr.write('strata: not built yet; run `npm run build` in the Strata folder first.\n')
  process.exit(1)
}
await import(entry.href)
