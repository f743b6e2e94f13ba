import { describe, expect, it } from 'vitest';
import { aprPercent } from './contract-pdf.ts';

describe('APR on the contract', () => {
  it('prints the percentage with two places, rounded half-up exactly', () => {
    expect(aprPercent('0.0365')).toBe('3.65');
    expect(aprPercent('0.036549')).toBe('3.65');
    expect(aprPercent('0.036550')).toBe('3.66');
    expect(aprPercent('0.1')).toBe('10.00');
    expect(aprPercent('0')).toBe('0.00');
  });
});
