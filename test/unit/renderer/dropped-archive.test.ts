import { describe, expect, it } from 'vitest'
import { translator } from '../../../renderer/i18n/translator'
import { dragCarriesFiles, dropChoice } from '../../../renderer/lib/dropped-archive'

const t = translator('en')

describe('which drags show the drop overlay', () => {
  it('only drags that carry files', () => {
    expect(dragCarriesFiles(['Files'])).toBe(true)
    expect(dragCarriesFiles(['application/x-moz-file', 'Files'])).toBe(true)
    for (const types of [['text/plain'], ['text/uri-list', 'text/html'], [], null, undefined]) expect(dragCarriesFiles(types), JSON.stringify(types)).toBe(false)
  })
})

describe('what a drop offers', () => {
  it('offers Load, Load-and-analyze and Analyze-without-loading for one archive, without a path note in the app', () => {
    const choice = dropChoice(t, ['my image.tar.gz'], true)
    expect(choice).toMatchObject({ kind: 'archive', name: 'my image.tar.gz', pathNote: null })
    if (choice.kind !== 'archive') throw new Error('not an archive')
    expect(choice.offers.map((offer) => [offer.action, offer.label])).toEqual([
      ['load', 'Load into the engine'],
      ['analyze', 'Load and analyze'],
      ['archive', 'Analyze without loading'],
    ])
    expect(choice.offers[2]?.note).toContain('strata analyze <file>')
    expect(choice.offers[2]?.note).toContain('the engine is left as it is')
    expect(choice.offers.map((offer) => offer.note).join(' ')).not.toContain('full path')
  })

  it('in a browser, says the path must be typed and that nothing is uploaded', () => {
    const choice = dropChoice(t, ['APP.TGZ'], false)
    if (choice.kind !== 'archive') throw new Error('not an archive')
    expect(choice.pathNote).toContain('does not tell the page where APP.TGZ lies')
    expect(choice.pathNote).toContain('does not upload it')
    expect(choice.offers.every((offer) => offer.note.includes('once you give its full path'))).toBe(true)
  })

  it('refuses other files, several files and an empty drop, saying why', () => {
    for (const desktop of [true, false]) {
      expect(dropChoice(t, ['notes.txt'], desktop)).toEqual({ kind: 'refused', message: expect.stringContaining('notes.txt is not an image archive') as unknown })
      expect(dropChoice(t, ['image.tar.zst'], desktop)).toMatchObject({ kind: 'refused' })
      expect(dropChoice(t, ['a.tar', 'b.tar'], desktop)).toEqual({ kind: 'refused', message: '2 files were dropped: drop one image archive at a time.' })
      expect(dropChoice(t, [], desktop)).toMatchObject({ kind: 'refused' })
      expect(dropChoice(t, ['next.tar'], desktop, true)).toEqual({ kind: 'refused', message: 'Another archive is being loaded: drop next.tar again once that load has ended.' })
    }
  })
})

describe('what a drop offers, in Chinese', () => {
  it('words the offers and refusals in zh-CN, keeping the file name and the command as typed', () => {
    const zh = translator('zh-CN')
    const choice = dropChoice(zh, ['APP.TGZ'], false)
    if (choice.kind !== 'archive') throw new Error('not an archive')
    expect(choice.offers.map((offer) => offer.label)).toEqual(['载入到引擎', '载入并分析', '不载入，直接分析'])
    expect(choice.offers[2]?.note).toContain('命令行中的 `strata analyze <file>` 作用相同')
    expect(choice.pathNote).toContain('浏览器不会告诉页面 APP.TGZ 在哪里')
    expect(dropChoice(zh, ['a.tar', 'b.tar'], true)).toEqual({ kind: 'refused', message: '拖放了 2 个文件：一次只能拖放一个镜像归档。' })
  })
})
