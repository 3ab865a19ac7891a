import { describe, expect, it } from 'vitest'
import { escapeHtml, exactForm, fold, highlight, tokenize, typoBudget } from './text.ts'

describe('Vietnamese text handling', () => {
  it('folds diacritics and đ, keeps other scripts', () => {
    expect(fold('Đồng Nai')).toBe('dong nai')
    expect(fold('dập khuôn ĐƯỜNG ống')).toBe('dap khuon duong ong')
    expect(fold('Thành phố Hồ Chí Minh')).toBe('thanh pho ho chi minh')
    expect(fold('ワイヤーハーネス')).toBe('ワイヤーハーネス')
    expect(fold('와이어 하네스')).toBe('와이어 하네스')
    expect(fold('Đồng'.normalize('NFD'))).toBe('dong')
  })

  it('keeps the exact form lower-case and composed', () => {
    expect(exactForm('Đồng'.normalize('NFD'))).toBe('đồng')
    expect(tokenize('ISO/IEC 17025: đo CMM').map((token) => token.folded)).toEqual([
      'iso',
      'iec',
      '17025',
      'do',
      'cmm',
    ])
  })

  it('marks matched words and escapes the rest', () => {
    const html = highlight('A&B <Khuôn> dập', (folded) => folded === 'khuon')
    expect(html).toBe('A&amp;B &lt;<mark>Khuôn</mark>&gt; dập')
    expect(highlight('nothing here', () => false)).toBeUndefined()
    expect(escapeHtml(`"'`)).toBe('&quot;&#39;')
  })

  it('crops long text around the first match', () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`)
    const html = highlight(words.join(' '), (folded) => folded === 'w50', 10)
    expect(html).toBe('…w47 w48 w49 <mark>w50</mark> w51 w52 w53 w54 w55 w56…')
  })

  it('allows typos as Meilisearch does by default', () => {
    expect([
      typoBudget('cnc'),
      typoBudget('nhôm'),
      typoBudget('stamp'),
      typoBudget('aluminium'),
    ]).toEqual([0, 0, 1, 2])
  })
})
