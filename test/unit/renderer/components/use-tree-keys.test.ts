// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { useTreeKeys } from '../../../../renderer/composables/useTreeKeys'
import { treeKeyStep, type TreeKeyRow } from '../../../../renderer/lib/tree-keys'

interface Row extends TreeKeyRow {
  key: string
}

const row = (key: string, depth: number, fold: 'open' | 'closed' | 'leaf'): Row => ({ key, depth, expandable: fold !== 'leaf', expanded: fold === 'open' })

// base (open) > app (open) > app:1 ; base > tool (closed) ; other (leaf)
const ROWS: Row[] = [row('base', 0, 'open'), row('app', 1, 'open'), row('app:1', 2, 'leaf'), row('tool', 1, 'closed'), row('other', 0, 'leaf')]

/** A tree of plain rows using the composable, recording what it is asked to do. */
function mountTree(options: { foldable?: boolean } = {}) {
  const calls: string[] = []
  const Tree = defineComponent({
    setup() {
      const rows = ref<Row[]>(ROWS)
      const scroller = ref<HTMLElement | null>(null)
      const keys = useTreeKeys({
        rows,
        keyOf: (one) => one.key,
        treeRow: (one) => one,
        scroller,
        scrollToIndex: (index) => calls.push(`scroll ${String(index)}`),
        pageSize: () => 2,
        setExpanded: (one, open) => calls.push(`${open ? 'open' : 'close'} ${one.key}`),
        activate: (index) => calls.push(`activate ${String(index)}`),
        foldable: () => options.foldable ?? true,
      })
      return () =>
        h(
          'div',
          { ref: scroller },
          h(
            'div',
            { role: 'tree', onKeydown: keys.onKeydown },
            rows.value.map((one, index) =>
              h('div', { role: 'treeitem', tabindex: index === keys.activeIndex.value ? 0 : -1, 'data-index': index, onFocus: () => { keys.setActive(index); } }, one.key),
            ),
          ),
        )
    },
  })
  const wrapper = mount(Tree, { attachTo: document.body })
  const press = async (key: string): Promise<boolean> => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })
    wrapper.get('[role="tree"]').element.dispatchEvent(event)
    await nextTick()
    await nextTick()
    return event.defaultPrevented
  }
  const focused = (): string | null => document.activeElement?.textContent ?? null
  const tabStop = (): string => wrapper.get('[tabindex="0"]').text()
  return { wrapper, calls, press, focused, tabStop }
}

describe('useTreeKeys', () => {
  it('moves the one tab stop with the list keys, scrolls to it and focuses it', async () => {
    const tree = mountTree()
    expect(tree.tabStop()).toBe('base')
    expect(await tree.press('ArrowDown')).toBe(true)
    expect([tree.tabStop(), tree.focused()]).toEqual(['app', 'app'])
    await tree.press('End')
    expect(tree.focused()).toBe('other')
    await tree.press('PageUp')
    expect(tree.focused()).toBe('app:1')
    await tree.press('Home')
    expect(tree.focused()).toBe('base')
    expect(tree.calls).toEqual(['scroll 1', 'scroll 4', 'scroll 2', 'scroll 0'])
    tree.wrapper.unmount()
  })

  it('opens and closes with Right and Left, steps into a child and out to the parent', async () => {
    const tree = mountTree()
    await tree.press('ArrowRight')
    expect(tree.focused()).toBe('app')
    await tree.press('ArrowLeft')
    expect(tree.calls.at(-1)).toBe('close app')
    await tree.press('ArrowDown')
    await tree.press('ArrowDown')
    expect(tree.focused()).toBe('tool')
    await tree.press('ArrowRight')
    expect(tree.calls.at(-1)).toBe('open tool')
    await tree.press('ArrowLeft')
    expect(tree.focused()).toBe('base')
    tree.wrapper.unmount()
  })

  it('only moves with Right and Left while the rows cannot fold', async () => {
    const tree = mountTree({ foldable: false })
    await tree.press('ArrowDown')
    await tree.press('ArrowLeft')
    expect(tree.focused()).toBe('base')
    await tree.press('End')
    await tree.press('ArrowUp')
    expect(tree.focused()).toBe('tool')
    expect(await tree.press('ArrowRight')).toBe(true)
    expect(tree.calls.filter((call) => call.startsWith('open') || call.startsWith('close'))).toEqual([])
    tree.wrapper.unmount()
  })

  it('activates the tab stop with Enter and Space, and leaves other keys to the page', async () => {
    const tree = mountTree()
    await tree.press('ArrowDown')
    await tree.press('Enter')
    await tree.press(' ')
    expect(tree.calls.slice(-2)).toEqual(['activate 1', 'activate 1'])
    expect(await tree.press('a')).toBe(false)
    tree.wrapper.unmount()
  })
})

describe('treeKeyStep', () => {
  const rowAt = (index: number): TreeKeyRow | undefined => ROWS[index]

  it('does not step into an open row with nothing under it', () => {
    const empty = [row('empty', 0, 'open'), row('next', 0, 'leaf')]
    expect(treeKeyStep('ArrowRight', (index) => empty[index], empty.length, 0, 10)).toEqual({ kind: 'none' })
  })

  it('is null for a key that is not navigation, and for a row that is not there', () => {
    expect(treeKeyStep('Enter', rowAt, ROWS.length, 0, 10)).toBeNull()
    expect(treeKeyStep('ArrowDown', rowAt, ROWS.length, 9, 10)).toBeNull()
  })

  it('names nothing to focus on the left of a top-level row', () => {
    expect(treeKeyStep('ArrowLeft', rowAt, ROWS.length, 4, 10)).toEqual({ kind: 'none' })
  })
})
