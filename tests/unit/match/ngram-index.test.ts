import { describe, expect, it } from 'vitest';
import { gramsOf, NgramIndex } from '../../../src/match/ngram-index.js';

const pair = (text: string): number => text.charCodeAt(0) * 65536 + text.charCodeAt(1);

describe('NgramIndex', () => {
  const index = new NgramIndex(['协和医院', '同仁医院', '协和', '北京协和医院', '医院医院', '和'], [[], ['北京'], [], [], [], []]);

  it('counts a gram once per key, whether it repeats in the name or comes from the extra texts', () => {
    expect(index.df(pair('医院'))).toBe(4);
    expect(index.df(pair('北京'))).toBe(2); // 北京协和医院 by name, 同仁医院 by its extra text
    expect(index.df('和'.charCodeAt(0))).toBe(1); // a one-character key is its character
    expect(index.df(pair('院医'))).toBe(1);
    expect(index.df(pair('京东'))).toBe(0);
  });

  it('ranks the keys sharing the most rare grams first, ties to the lower key', () => {
    expect(index.search('协和医院', { limit: 2, maxGrams: 6 })).toEqual([0, 3]);
    expect(index.search('北京协和医院', { limit: 1, maxGrams: 6 })).toEqual([3]);
  });

  it('counts the extra texts of a query like its own grams', () => {
    expect(index.search('仁医', { extraTexts: ['北京'], limit: 1, maxGrams: 6 })).toEqual([1]);
    expect(index.search('', { extraTexts: ['北京'], limit: 3, maxGrams: 6 }).sort()).toEqual([1, 3]);
  });

  it('finds nothing for grams no key has, and gives the same answer when asked again', () => {
    expect(index.search('京东方', { limit: 3, maxGrams: 6 })).toEqual([]);
    const first = index.search('协和医院', { limit: 4, maxGrams: 6 });
    expect(index.search('协和医院', { limit: 4, maxGrams: 6 })).toEqual(first);
  });

  it('lists each gram of a text once', () => {
    expect(gramsOf('医院医院')).toEqual([pair('医院'), pair('院医')]);
    expect(gramsOf('和')).toEqual(['和'.charCodeAt(0)]);
    expect(gramsOf('')).toEqual([]);
  });
});
