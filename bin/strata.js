#!/usr/bin/env -S node --max-semi-space-size=2 --initial-old-space-size=64
// The small young generation is deliberate: an analysis keeps hundreds of thousands of
// index entries alive, and V8 otherwise grows the young generation to ~48 MB around
// them. Measured in bench/analyze: about 40 MB less peak memory, no slower.
// The 64 MB first old-generation limit: with a young generation this small, what survives
// it (export buffers held between stream hops) filled a small old generation fast, and a
// 275 MB Debian image took 17-33 full collections of a 10 MB heap while it streamed; with
// the limit, none, and less CPU (bench/analyze). A large image's heap passes 64 MB anyway.
import { existsSync } from 'node:fs'

const entry = new URL('../out/main/cli.js', import.meta.url)
if (!existsSync(entry)) {
  process.stderr.write('strata: not built yet; run `npm run build` in the Strata folder first.\n')
  process.exit(1)
}
await import(entry.href)
