import { describe, expect, it } from 'vitest'
import { diveFigures, diveFiguresByTrees } from '../../electron/core/layers/dive-figures'
import { NO_DIGEST, type LayerEntry, type LayerFiles } from '../../electron/core/layers/types'

const entry = (path: string, type: LayerEntry['type'], size: number, link: string | null = null): LayerEntry => ({ path, type, size, mode: 0o644, uid: 0, gid: 0, link, digest: NO_DIGEST })
const file = (path: string, size: number): LayerEntry => entry(path, 'file', size)
const dir = (path: string): LayerEntry => entry(path, 'dir', 0)
const layer = (entries: LayerEntry[], whiteouts: string[] = [], opaqueDirs: string[] = []): LayerFiles => ({ entries, whiteouts, opaqueDirs, tarBytes: 0 })

describe("dive's figures", () => {
  it('an empty image: efficiency 1, nothing wasted, no user bytes', () => {
    expect(diveFigures([])).toEqual({ efficiency: 1, wastedBytes: 0, sizeBytes: 0, userSizeBytes: 0, wastedUserPercent: null, inefficiencies: [] })
  })

  it('a base layer alone: every leaf seen once, all of it the base', () => {
    // Leaves /etc/a (100) and /bin/x (1000); the folders have children, so are no leaves.
    const figures = diveFigures([layer([dir('etc'), file('etc/a', 100), dir('bin'), file('bin/x', 1000)])])
    expect(figures).toMatchObject({ efficiency: 1, wastedBytes: 0, sizeBytes: 1100, userSizeBytes: 0, wastedUserPercent: null })
  })

  it('one layer without whiteouts: the shortcut gives what the walk over its tree gives', () => {
    const hard = entry('bin/y', 'hardlink', 0, 'bin/x')
    const cases: LayerFiles[] = [
      layer([]),
      layer([dir('etc')]),
      // The same path twice, a parent never written, a folder left empty, links, odd spellings.
      layer([file('a', 10), file('a', 30), file('p/q/r', 7), dir('empty'), file('bin/x', 1000), hard, entry('bin/l', 'symlink', 0, 'x'), file('./dot/f', 3), file('up/../down/g', 4)]),
      // An opaque folder: its marker is never a node, the folder is one.
      layer([dir('d'), file('d/a', 100)], [], ['d', 'o']),
      layer(Array.from({ length: 500 }, (_unused, index) => file(`deep/${String(index % 7)}/${String(index % 13)}/f${String(index)}`, index * 17))),
    ]
    for (const one of cases) expect(diveFigures([one])).toEqual(diveFiguresByTrees([one]))
    // With a whiteout the walk itself answers: it looks the path up in the layer itself, as dive
    // does, and a path not there ends the visit and counts -1 (here 9 / 10).
    const withWhiteout = layer([file('-a', 10)], ['gone'])
    expect(diveFigures([withWhiteout])).toEqual(diveFiguresByTrees([withWhiteout]))
    expect(diveFigures([withWhiteout]).efficiency).toBeCloseTo(0.9, 12)
  })

  it('a rewritten file counts both copies as wasted', () => {
    // /a: sizes 100 then 300 -> smallest 100, sum 400, two nodes; /b: 600 once.
    // efficiency (100 + 600) / (400 + 600) = 0.7; wasted 400; user bytes 300 (layer 1).
    const figures = diveFigures([layer([file('a', 100), file('b', 600)]), layer([file('a', 300)])])
    expect(figures.efficiency).toBeCloseTo(0.7, 12)
    expect(figures).toMatchObject({ wastedBytes: 400, sizeBytes: 1000, userSizeBytes: 300, inefficiencies: [{ path: '/a', count: 2, bytes: 400 }] })
    expect(figures.wastedUserPercent).toBeCloseTo(400 / 300, 12)
  })

  it('a removed file: the whiteout adds 0, so all of the file is wasted', () => {
    // /d/big: 1000 then the whiteout (a file below: 0) -> smallest 0, sum 1000, two nodes.
    // /keep 500 and /note 100 once. efficiency (0 + 500 + 100) / (1000 + 500 + 100) = 0.375.
    const figures = diveFigures([layer([dir('d'), file('d/big', 1000), file('keep', 500)]), layer([file('note', 100)], ['d/big'])])
    expect(figures).toMatchObject({ efficiency: 0.375, wastedBytes: 1000, sizeBytes: 1600, userSizeBytes: 100, wastedUserPercent: 10 })
  })

  it('a removed folder: the whiteout weighs the folder, but one node per path wastes nothing', () => {
    // Layer 0's leaves: /d/a 100, /d/b 200, /d/sub/c 50 (d and sub have children). Layer 1's
    // whiteout of d weighs the explicit folder below: 0 + 100 + 200 + 0 + 50 = 350, on /d,
    // which layer 0 never visited: one node. efficiency 700 / 700, wasted 0.
    const figures = diveFigures([layer([dir('d'), file('d/a', 100), file('d/b', 200), dir('d/sub'), file('d/sub/c', 50)]), layer([], ['d'])])
    expect(figures).toMatchObject({ efficiency: 1, wastedBytes: 0, sizeBytes: 350, userSizeBytes: 0, wastedUserPercent: null })
  })

  it("a folder that was only a parent is no folder to dive: its whiteout weighs 0 (dive's own example)", () => {
    // The example dive's tests use: nginx.conf 2000 then 5000 (sum 7000, smallest 2000),
    // public 3000, athing 10000, and the whiteout of etc/nginx, an implicit folder: 0.
    // efficiency (2000 + 3000 + 10000 + 0) / (7000 + 3000 + 10000 + 0) = 0.75.
    const figures = diveFigures([
      layer([file('etc/nginx/nginx.conf', 2000), file('etc/nginx/public', 3000)]),
      layer([file('etc/nginx/nginx.conf', 5000), file('etc/athing', 10000)]),
      layer([], ['etc/nginx']),
    ])
    expect(figures.efficiency).toBe(0.75)
    expect(figures.inefficiencies).toEqual([{ path: '/etc/nginx/nginx.conf', count: 2, bytes: 7000 }])
  })

  it('an opaque folder is ignored: what it hides is neither removed nor wasted', () => {
    // Layer 1 replaces /d wholesale (opaque) with /d/c 10. dive sees /d/a 100 and /d/c 10 once each.
    const figures = diveFigures([layer([dir('d'), file('d/a', 100)]), layer([dir('d'), file('d/c', 10)], [], ['d'])])
    expect(figures).toMatchObject({ efficiency: 1, wastedBytes: 0, sizeBytes: 110, userSizeBytes: 10 })
    // An opaque folder left empty is a leaf of size 0: /d, seen once (layer 0's /d had a child).
    expect(diveFigures([layer([dir('d'), file('d/a', 100)]), layer([dir('d')], [], ['d'])])).toMatchObject({ efficiency: 1, wastedBytes: 0 })
  })

  it('hardlinks weigh their header size, 0: a re-linked path is an inefficiency of 0 bytes', () => {
    // /a: 100 + 100 (smallest 100), /h: 0 + 0, both two nodes. efficiency 100 / 200.
    const linked = (): LayerFiles => layer([file('a', 100), entry('h', 'hardlink', 0, 'a')])
    const figures = diveFigures([linked(), linked()])
    expect(figures).toMatchObject({ efficiency: 0.5, wastedBytes: 200, inefficiencies: [{ path: '/a', count: 2, bytes: 200 }, { path: '/h', count: 2, bytes: 0 }] })
  })

  it('a whiteout of a path not below ends the visit of its layer, and counts -1', () => {
    // Layer 1's leaves in byte order: .wh.nothere, b, y. The whiteout finds nothing below, so
    // dive stops there: b and y are never seen, /nothere keeps -1. efficiency (100 + 10 - 1) / 110.
    const figures = diveFigures([layer([file('a', 100), file('z', 10)]), layer([file('b', 50), file('y', 5)], ['nothere'])])
    expect(figures.efficiency).toBe(109 / 110)
    expect(figures).toMatchObject({ wastedBytes: 0, sizeBytes: 165, userSizeBytes: 55 })
  })

  it('the same path twice in one layer: the last entry is the node, both count in the size', () => {
    expect(diveFigures([layer([file('a', 100), file('a', 40)])])).toMatchObject({ efficiency: 1, sizeBytes: 140 })
    // An empty folder in two layers is two nodes of 0 bytes: listed, nothing wasted.
    expect(diveFigures([layer([dir('tmp')]), layer([dir('tmp')])])).toMatchObject({ efficiency: 1, wastedBytes: 0, inefficiencies: [{ path: '/tmp', count: 2, bytes: 0 }] })
  })

  it('a removed folder weighs what the layers below left in it, if the last of them wrote the folder itself', () => {
    // d/a 100 (layer 0), d/x 30 (layer 1), d removed (layer 2), d re-created empty (layer 3).
    // Below layer 2, d holds a and x: the whiteout adds 0 + 100 + 30 = 130 to /d, and layer 3's
    // empty d adds 0: two nodes, 130 wasted. efficiency (100 + 30 + 0) / (100 + 30 + 130) = 0.5.
    const explicit = diveFigures([layer([dir('d'), file('d/a', 100)]), layer([dir('d'), file('d/x', 30)]), layer([], ['d']), layer([dir('d')])])
    expect(explicit).toMatchObject({ efficiency: 0.5, wastedBytes: 130, inefficiencies: [{ path: '/d', count: 2, bytes: 130 }] })
    // When layer 1 has no entry for d (only d/x), stacking it leaves d an empty payload: no
    // folder, so the whiteout adds 0. efficiency 130 / 130, and /d wastes 0 bytes.
    const implicit = diveFigures([layer([dir('d'), file('d/a', 100)]), layer([file('d/x', 30)]), layer([], ['d']), layer([dir('d')])])
    expect(implicit).toMatchObject({ efficiency: 1, wastedBytes: 0, inefficiencies: [{ path: '/d', count: 2, bytes: 0 }] })
  })

  it("a whiteout and an entry of the same name in one layer act in dive's order: by name, children first", () => {
    // Layer 1 removes d (.wh.d sorts first) then writes d/b 7. Its whiteout weighs layer 0's d: 100.
    // Below layer 2, d holds only b: its whiteout weighs 7; layer 3's empty d weighs 0. /d: three
    // nodes, 107. efficiency (100 + 7 + 0) / (100 + 7 + 107) = 0.5.
    const figures = diveFigures([layer([dir('d'), file('d/a', 100)]), layer([dir('d'), file('d/b', 7)], ['d']), layer([], ['d']), layer([dir('d')])])
    expect(figures).toMatchObject({ efficiency: 0.5, wastedBytes: 107, inefficiencies: [{ path: '/d', count: 3, bytes: 107 }] })
    // "-x" sorts before ".wh.-x": layer 1 writes -x, then removes it. Layer 2's whiteout of -x
    // finds nothing below, so its visit stops before /z. /-x: 10 + 20 + 0; /keep 90.
    // efficiency (90 + 0) / (90 + 30) = 0.75.
    const dashed = diveFigures([layer([file('-x', 10), file('keep', 90)]), layer([file('-x', 20)], ['-x']), layer([file('z', 5)], ['-x'])])
    expect(dashed).toMatchObject({ efficiency: 0.75, wastedBytes: 30 })
  })

  it('stays linear on a crafted path thousands of folders deep', () => {
    const deep = Array.from({ length: 20_000 }, () => 'a').join('/')
    const started = performance.now()
    // Layer 1 removes a/a/a/a (an implicit folder: 0), then writes the deep file again; layer 2
    // removes the deep file, still there below it: 0. The file: 5 + 5 + 0, smallest 0; efficiency 0.
    const figures = diveFigures([layer([file(deep, 5)]), layer([file(deep, 5)], ['a/a/a/a']), layer([], [deep])])
    expect(figures).toMatchObject({ efficiency: 0, wastedBytes: 10, sizeBytes: 10 })
    expect(performance.now() - started).toBeLessThan(5000)
  })
})
