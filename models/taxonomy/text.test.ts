import { describe, expect, it } from 'vitest'
import { foldVietnamese, normalizeForMatch } from './text.ts'
import { tokenize } from './text-matcher.ts'

describe('foldVietnamese', () => {
  it('lowercases and strips Vietnamese diacritics, đ included', () => {
    expect(foldVietnamese('Đồng Nai')).toBe('dong nai')
    expect(foldVietnamese('dập khuôn')).toBe('dap khuon')
    expect(foldVietnamese('THỪA THIÊN HUẾ')).toBe('thua thien hue')
    expect(foldVietnamese('Ứng dụng ĐẶC BIỆT của ưu đãi')).toBe('ung dung dac biet cua uu dai')
  })

  it('gives the same result whatever the tone placement or Unicode form', () => {
    const precomposed = 'Khánh Hòa'.normalize('NFC')
    const decomposed = 'Khánh Hòa'.normalize('NFD')
    expect(foldVietnamese(precomposed)).toBe('khanh hoa')
    expect(foldVietnamese(decomposed)).toBe('khanh hoa')
    expect(foldVietnamese('Khánh Hoà')).toBe('khanh hoa')
  })

  it('treats the look-alike Ð (eth) as Đ, as legacy encodings leave it', () => {
    expect(foldVietnamese('Ðà Nẵng')).toBe('da nang')
  })

  it('collapses whitespace and trims', () => {
    expect(foldVietnamese('  Bắc \t Ninh\n ')).toBe('bac ninh')
  })

  it('leaves Japanese and Korean letters intact', () => {
    expect(foldVietnamese('ザライ省')).toBe('ザライ省')
    expect(foldVietnamese('와이어 하네스')).toBe('와이어 하네스')
  })
})

describe('normalizeForMatch', () => {
  it('turns punctuation into single spaces', () => {
    expect(normalizeForMatch('TP.Hồ Chí Minh')).toBe('tp ho chi minh')
    expect(normalizeForMatch('Bà Rịa–Vũng Tàu')).toBe('ba ria vung tau')
    expect(normalizeForMatch(' ISO/IEC 17025 ')).toBe('iso iec 17025')
  })

  it('folds full-width characters', () => {
    expect(normalizeForMatch('ＩＳＯ　９００１')).toBe('iso 9001')
  })
})

describe('tokenize', () => {
  it('splits words at letter/digit changes and East-Asian text into characters', () => {
    expect(tokenize('SUS304 và 射出').map((token) => token.raw)).toEqual([
      'SUS',
      '304',
      'và',
      '射',
      '出',
    ])
  })
})
