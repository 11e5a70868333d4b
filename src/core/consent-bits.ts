/**
 * A bit reader over base64url text, for looking at TC and GPP strings *before* the IAB libraries
 * decode them. Both libraries expand every vendor range into a set or array, so a string of a few
 * kilobytes can ask for hundreds of millions of ids (and a GPP Fibonacci range for billions): we
 * measure what a string asks for and refuse it first. Reading bit by bit from the text keeps the
 * measuring itself linear and free of large allocations.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const SEXTET = new Map([...ALPHABET].map((c, i) => [c.charCodeAt(0), i]));

export function isBase64Url(text: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(text);
}

export class Base64UrlBits {
  private position = 0;

  /** `text` must pass `isBase64Url`. */
  constructor(private readonly text: string) {}

  get remaining(): number {
    return this.text.length * 6 - this.position;
  }

  private bit(): number {
    const sextet = SEXTET.get(this.text.charCodeAt(Math.floor(this.position / 6))) ?? 0;
    const value = (sextet >> (5 - (this.position % 6))) & 1;
    this.position++;
    return value;
  }

  /** An unsigned integer of `width` (≤ 32) bits, or null when the text ends first. */
  read(width: number): number | null {
    if (width > this.remaining) return null;
    let value = 0;
    for (let i = 0; i < width; i++) value = value * 2 + this.bit();
    return value;
  }

  /** False when the text ends first. */
  skip(width: number): boolean {
    if (width > this.remaining) return false;
    this.position += width;
    return true;
  }

  /**
   * A Fibonacci-coded integer as GPP writes it (coefficients of 1, 2, 3, 5, … ended by "11"), or
   * null when the text ends first or the code is longer than `maxBits` (a value too large to accept).
   */
  readFibonacci(maxBits: number): number | null {
    let value = 0;
    let previous = 0;
    let [fib, next] = [1, 2];
    for (let i = 0; i < maxBits && this.remaining > 0; i++) {
      const b = this.bit();
      if (b === 1 && previous === 1) return value;
      if (b === 1) value += fib;
      previous = b;
      [fib, next] = [next, fib + next];
    }
    return null;
  }
}
