import { describe, expect, it } from 'vitest';
import { decimal } from './outputs.js';

describe('decimal', () => {
  it('writes plain decimals without exponent or trailing zeros', () => {
    expect(decimal(0.125, 6)).toBe('0.125');
    expect(decimal(1e-7, 6)).toBe('0');
    expect(decimal(12345.5, 3)).toBe('12345.5');
    expect(decimal(7, 4)).toBe('7');
    expect(decimal(2 / 3, 4)).toBe('0.6667');
    expect(decimal(1e21, 3)).toBe('1000000000000000000000');
  });

  it('writes no data as an empty string, never 0', () => {
    expect(decimal(null, 3)).toBe('');
    expect(decimal(Number.NaN, 3)).toBe('');
  });
});
