/**
 * A streaming 30-bit hash of a file's content, computed in JS: two 32-bit
 * multiply-xorshift lanes (cyrb53-like), folded at the end. A crypto Hash per
 * file holds native memory until the collector finalises it, which made the
 * peak of a 150,000-file analysis swing between 140 and 210 MB from run to run.
 * It only ever compares two copies of one path of equal size, so an accidental
 * collision is the only risk; nothing relies on it against a deliberate one.
 */
export class ContentHash {
  private h1 = 0xdeadbeef
  private h2 = 0x41c6ce57

  update(bytes: Uint8Array): void {
    let h1 = this.h1
    let h2 = this.h2
    for (let index = 0; index < bytes.length; index += 1) {
      const byte = bytes[index] ?? 0
      h1 = Math.imul(h1 ^ byte, 2654435761)
      h2 = Math.imul(h2 ^ byte, 1597334677)
    }
    this.h1 = h1
    this.h2 = h2
  }

  /** A non-negative integer below 2^30: V8 keeps it unboxed inside the entry. */
  digest(): number {
    let h1 = this.h1
    let h2 = this.h2
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
    return (h1 ^ h2) & 0x3fffffff
  }
}
