/**
 * Globs over image paths (`*` within one path segment, `**` across segments, `?` one
 * character other than `/`), matched by simulating a small automaton with a bit set of
 * states. Nothing backtracks: a name of n characters costs n steps of ⌈(m+1)/32⌉ word
 * operations for a pattern of m tokens, whatever the pattern. A RegExp built from the
 * pattern could take exponential time (`**a**a**a**b` against a long name).
 *
 * Case is ignored the way a RegExp with the `i` flag (no `u`) ignores it, one UTF-16
 * code unit at a time, so results are what the earlier RegExp matcher gave.
 */

type Token = { kind: 'unit'; unit: number } | { kind: 'one' } | { kind: 'star' } | { kind: 'globstar' }

const SLASH = 0x2f
const STAR = 0x2a
const QUESTION = 0x3f

const foldedAbove127 = new Map<number, number>()

/** The RegExp `i` flag's Canonicalize (ECMA-262) for a code unit, without the `u` flag. */
export function foldCase(unit: number): number {
  if (unit < 128) return unit >= 0x61 && unit <= 0x7a ? unit - 0x20 : unit
  let folded = foldedAbove127.get(unit)
  if (folded === undefined) {
    const upper = String.fromCharCode(unit).toUpperCase()
    // A one-to-many mapping (ß → SS) or one into ASCII (ſ → S) leaves the unit as it is.
    folded = upper.length !== 1 || upper.charCodeAt(0) < 128 ? unit : upper.charCodeAt(0)
    foldedAbove127.set(unit, folded)
  }
  return folded
}

/** `**` is read before `*`; runs of stars collapse into one, `**` winning, since they match the same names. */
function tokenize(glob: string): Token[] {
  const tokens: Token[] = []
  for (let index = 0; index < glob.length; index += 1) {
    const unit = glob.charCodeAt(index)
    let token: Token
    if (unit === STAR && glob.charCodeAt(index + 1) === STAR) {
      token = { kind: 'globstar' }
      index += 1
    } else if (unit === STAR) token = { kind: 'star' }
    else if (unit === QUESTION) token = { kind: 'one' }
    else token = { kind: 'unit', unit: foldCase(unit) }
    const last = tokens.at(-1)
    if ((token.kind === 'star' || token.kind === 'globstar') && (last?.kind === 'star' || last?.kind === 'globstar')) {
      if (token.kind === 'globstar') tokens[tokens.length - 1] = token
      continue
    }
    tokens.push(token)
  }
  return tokens
}

/**
 * State i means "the first i tokens have matched". Bit i of word i>>5 holds state i.
 * Because star tokens are never adjacent, one shift closes the set over the empty
 * moves a star allows (state i of a star implies state i+1).
 */
class GlobAutomaton {
  private readonly words: number
  private readonly accept: number
  private readonly start: Uint32Array
  /** States whose token loops on any character but `/` (both stars). */
  private readonly loopAny: Uint32Array
  /** States whose token loops on `/` as well (`**`). */
  private readonly loopSlash: Uint32Array
  /** States whose token is `?`. */
  private readonly one: Uint32Array
  /** States whose token is a star: each also stands in the next state. */
  private readonly skip: Uint32Array
  /** For a folded code unit, the states whose token is that unit (ASCII in an array: most names are). */
  private readonly asciiUnits: (Uint32Array | undefined)[] = new Array<undefined>(128).fill(undefined)
  private readonly otherUnits = new Map<number, Uint32Array>()
  private current: Uint32Array
  private next: Uint32Array

  constructor(tokens: readonly Token[]) {
    this.accept = tokens.length
    this.words = (tokens.length >> 5) + 1
    const words = (): Uint32Array => new Uint32Array(this.words)
    this.start = words()
    this.loopAny = words()
    this.loopSlash = words()
    this.one = words()
    this.skip = words()
    this.current = words()
    this.next = words()
    tokens.forEach((token, state) => {
      const set = (mask: Uint32Array): void => {
        mask[state >> 5] = (mask[state >> 5] ?? 0) | (1 << (state & 31))
      }
      if (token.kind === 'unit') {
        let mask = this.unitStates(token.unit)
        if (mask === undefined) {
          mask = words()
          if (token.unit < 128) this.asciiUnits[token.unit] = mask
          else this.otherUnits.set(token.unit, mask)
        }
        set(mask)
      } else if (token.kind === 'one') set(this.one)
      else {
        set(this.loopAny)
        set(this.skip)
        if (token.kind === 'globstar') set(this.loopSlash)
      }
    })
    this.start[0] = 1
    this.close(this.start)
  }

  private unitStates(folded: number): Uint32Array | undefined {
    return folded < 128 ? this.asciiUnits[folded] : this.otherUnits.get(folded)
  }

  private close(states: Uint32Array): void {
    let carry = 0
    for (let word = 0; word < this.words; word += 1) {
      const value = states[word] ?? 0
      const skipping = value & (this.skip[word] ?? 0)
      states[word] = value | (skipping << 1) | carry
      carry = skipping >>> 31
    }
  }

  matches(name: string): boolean {
    let current = this.current
    let next = this.next
    current.set(this.start)
    for (let index = 0; index < name.length; index += 1) {
      const unit = name.charCodeAt(index)
      const slash = unit === SLASH
      const units = this.unitStates(foldCase(unit))
      const loops = slash ? this.loopSlash : this.loopAny
      let advanceCarry = 0
      let skipCarry = 0
      let alive = 0
      for (let word = 0; word < this.words; word += 1) {
        const states = current[word] ?? 0
        const advancing = states & ((units?.[word] ?? 0) | (slash ? 0 : (this.one[word] ?? 0)))
        let reached = (advancing << 1) | advanceCarry | (states & (loops[word] ?? 0))
        advanceCarry = advancing >>> 31
        // The next state of a star needs no character: close over it in the same pass.
        const skipping = reached & (this.skip[word] ?? 0)
        reached |= (skipping << 1) | skipCarry
        skipCarry = skipping >>> 31
        next[word] = reached
        alive |= reached
      }
      if (alive === 0) return false
      const reached = next
      next = current
      current = reached
    }
    return (((current[this.accept >> 5] ?? 0) >>> (this.accept & 31)) & 1) === 1
  }
}

/** A whole-path matcher for a glob; leading `/` are ignored, as paths are relative to the image root. */
export function compileGlob(glob: string): (path: string) => boolean {
  let from = 0
  while (glob.charCodeAt(from) === SLASH) from += 1
  const automaton = new GlobAutomaton(tokenize(glob.slice(from)))
  return (path) => automaton.matches(path)
}
