import { describe, expect, it } from 'vitest'
import { dragCarriesFiles, dropChoice } from '../../../renderer/lib/dropped-archive'

describe('which drags show the drop overlay', () => {
  it('only drags that carry files', () => {
    expect(dragCarriesFiles(['Files'])).toBe(true)
    expect(dragCarriesFiles(['application/x-moz-file', 'Files'])).toBe(true)
    for (const types of [['text/plain'], ['text/uri-list', 'text/html'], [], null, undefined]) expect(dragCarriesFiles(types), JSON.stringify(types)).toBe(false)
  })
})

describe('what a drop offers', () => {
  it('offers Load and Load-and-analyze for one archive, without a path note in the app', () => {
    const choice = dropChoice(['my image.tar.gz'], true)
    expect(choice).toMatchObject({ kind: 'archive', name: 'my image.tar.gz', pathNote: null })
    if (choice.kind !== 'archive') throw new Error('not an archive')
    expect(choice.offers.map((offer) => [offer.action, offer.label])).toEqual([
      ['load', 'Load into the engine'],
      ['analyze', 'Load and analyze'],
    ])
    expect(choice.offers[1]?.note).toContain('strata analyze <file>')
    expect(choice.offers.map((offer) => offer.note).join(' ')).not.toContain('full path')
  })

  it('in a browser, says the path must be typed and that nothing is uploaded', () => {
    const choice = dropChoice(['APP.TGZ'], false)
    if (choice.kind !== 'archive') throw new Error('not an archive')
    expect(choice.pathNote).toContain('does not tell the page where APP.TGZ lies')
    expect(choice.pathNote).toContain('does not upload it')
    expect(choice.offers.every((offer) => offer.note.includes('once you give its full path'))).toBe(true)
  })

  it('refuses other files, several files and an empty drop, saying why', () => {
    for (const desktop of [true, false]) {
      expect(dropChoice(['notes.txt'], desktop)).toEqual({ kind: 'refused', message: expect.stringContaining('notes.txt is not an image archive') as unknown })
      expect(dropChoice(['image.tar.zst'], desktop)).toMatchObject({ kind: 'refused' })
      expect(dropChoice(['a.tar', 'b.tar'], desktop)).toEqual({ kind: 'refused', message: '2 files were dropped: drop one image archive at a time.' })
      expect(dropChoice([], desktop)).toMatchObject({ kind: 'refused' })
      expect(dropChoice(['next.tar'], desktop, true)).toEqual({ kind: 'refused', message: 'Another archive is being loaded: drop next.tar again once that load has ended.' })
    }
  })
})
