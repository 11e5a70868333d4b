import { FibonacciIntegerEncoder } from '@iabgpp/cmpapi';
import { describe, expect, it } from 'vitest';
import { Base64UrlBits, isBase64Url } from '../../src/core/consent-bits';
import { bitsToBase64Url, uint } from './consent-strings';

describe('Base64UrlBits', () => {
  it('reads unsigned integers across character boundaries', () => {
    const bits = new Base64UrlBits(bitsToBase64Url(uint(2, 6) + uint(0xabcdef, 24) + uint(2 ** 32 - 1, 32) + '1'));
    expect([bits.read(6), bits.read(24), bits.read(32), bits.read(1)]).toEqual([2, 0xabcdef, 2 ** 32 - 1, 1]);
  });

  it('returns null past the end and skips no further than the text', () => {
    const bits = new Base64UrlBits('A');
    expect(bits.read(7)).toBeNull();
    expect(bits.skip(7)).toBe(false);
    expect(bits.skip(6)).toBe(true);
    expect(bits.read(1)).toBeNull();
  });

  it('reads Fibonacci integers as the GPP library writes them', () => {
    for (let n = 1; n <= 3_000; n++) {
      const bits = new Base64UrlBits(bitsToBase64Url(FibonacciIntegerEncoder.encode(n) + FibonacciIntegerEncoder.encode(7)));
      expect([n, bits.readFibonacci(32), bits.readFibonacci(32)]).toEqual([n, n, 7]);
    }
  });

  it('gives up on Fibonacci codes longer than asked for, or cut off', () => {
    expect(new Base64UrlBits(bitsToBase64Url(FibonacciIntegerEncoder.encode(1_000_000))).readFibonacci(16)).toBeNull();
    expect(new Base64UrlBits('A').readFibonacci(16)).toBeNull();
  });

  it('accepts only the base64url alphabet', () => {
    expect(isBase64Url('CPXx-_09')).toBe(true);
    expect(['', 'a+b', 'a/b', 'ab=', 'a b', 'é'].map(isBase64Url)).toEqual([false, false, false, false, false, false]);
  });
});
