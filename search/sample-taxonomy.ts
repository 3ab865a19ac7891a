/**
 * A small copy of the taxonomy (codes with vi/en/ja/ko labels, the 34 provinces since
 * 1 July 2025, synonym groups) for the search fixtures and the benchmark corpus. The real
 * controlled vocabulary will live with the models; this file only has to look like it.
 */
export interface SampleTerm {
  code: string
  vi: string
  en: string
  ja: string
  ko: string
}

const term = (code: string, vi: string, en: string, ja: string, ko: string): SampleTerm => ({
  code,
  vi,
  en,
  ja,
  ko,
})

// Sectors after Decree 111/2015/ND-CP on the development of supporting industries.
export const SECTORS: SampleTerm[] = [
  term('automotive', 'Linh kiện ô tô', 'Automotive parts', '自動車部品', '자동차 부품'),
  term(
    'electronics',
    'Linh kiện điện tử và điện',
    'Electronics and electrical components',
    '電子・電気部品',
    '전자·전기 부품',
  ),
  term(
    'textile-garment',
    'Nguyên phụ liệu dệt may',
    'Textile-garment materials and accessories',
    '繊維・縫製資材',
    '섬유·의류 부자재',
  ),
  term(
    'leather-footwear',
    'Nguyên phụ liệu da giày',
    'Leather-footwear materials and accessories',
    '皮革・履物資材',
    '가죽·신발 부자재',
  ),
  term('mechanical', 'Cơ khí chế tạo', 'Mechanical engineering', '機械加工', '기계 제조'),
  term('high-tech', 'Công nghiệp công nghệ cao', 'High-tech industry', 'ハイテク産業', '첨단 산업'),
]

export const PROCESSES: SampleTerm[] = [
  term('cnc-milling', 'Phay CNC', 'CNC milling', 'CNCフライス加工', 'CNC 밀링'),
  term('cnc-turning', 'Tiện CNC', 'CNC turning', 'CNC旋盤加工', 'CNC 선반 가공'),
  term('metal-stamping', 'Dập kim loại', 'Metal stamping', '金属プレス加工', '금속 프레스 가공'),
  term('deep-drawing', 'Dập vuốt sâu', 'Deep drawing', '深絞り加工', '딥 드로잉'),
  term('die-casting', 'Đúc áp lực', 'Die casting', 'ダイカスト', '다이캐스팅'),
  term('sand-casting', 'Đúc khuôn cát', 'Sand casting', '砂型鋳造', '사형 주조'),
  term('forging', 'Rèn dập nóng', 'Forging', '鍛造', '단조'),
  term('sheet-metal', 'Gia công kim loại tấm', 'Sheet-metal fabrication', '板金加工', '판금 가공'),
  term('welding', 'Hàn', 'Welding', '溶接', '용접'),
  term(
    'injection-moulding',
    'Ép phun nhựa',
    'Plastic injection moulding',
    'プラスチック射出成形',
    '플라스틱 사출 성형',
  ),
  term('blow-moulding', 'Thổi khuôn nhựa', 'Blow moulding', 'ブロー成形', '블로우 성형'),
  term('rubber-moulding', 'Ép cao su', 'Rubber moulding', 'ゴム成形', '고무 성형'),
  term('mould-making', 'Chế tạo khuôn mẫu', 'Mould and die making', '金型製作', '금형 제작'),
  term('plating', 'Mạ điện', 'Plating', 'めっき', '도금'),
  term('anodising', 'Anod hóa', 'Anodising', 'アルマイト処理', '아노다이징'),
  term('powder-coating', 'Sơn tĩnh điện', 'Powder coating', '粉体塗装', '분체 도장'),
  term('heat-treatment', 'Nhiệt luyện', 'Heat treatment', '熱処理', '열처리'),
  term(
    'pcb-assembly',
    'Lắp ráp mạch in (SMT)',
    'PCB assembly (SMT)',
    '基板実装（SMT）',
    'PCB 조립 (SMT)',
  ),
  term(
    'wire-harness',
    'Lắp ráp bó dây điện',
    'Wire-harness assembly',
    'ワイヤーハーネス組立',
    '와이어 하네스 조립',
  ),
  term('cable-making', 'Sản xuất cáp điện', 'Cable making', 'ケーブル製造', '케이블 제조'),
  term(
    'weaving-knitting',
    'Dệt thoi và dệt kim',
    'Weaving and knitting',
    '製織・編立',
    '제직 및 편직',
  ),
  term('dyeing-finishing', 'Nhuộm và hoàn tất', 'Dyeing and finishing', '染色仕上げ', '염색 가공'),
  term('leather-tanning', 'Thuộc da', 'Leather tanning', '皮なめし', '피혁 무두질'),
  term('shoe-sole', 'Sản xuất đế giày', 'Shoe-sole making', '靴底製造', '신발 밑창 제조'),
  term('packaging-printing', 'In bao bì', 'Packaging printing', 'パッケージ印刷', '포장 인쇄'),
  term(
    '3d-printing',
    'In 3D và tạo mẫu nhanh',
    '3D printing and prototyping',
    '3Dプリント・試作',
    '3D 프린팅 및 시제품',
  ),
  term('assembly', 'Lắp ráp', 'Assembly', '組立', '조립'),
  term('testing', 'Kiểm tra và thử nghiệm', 'Testing and inspection', '試験・検査', '시험 및 검사'),
]

export const MATERIALS: SampleTerm[] = [
  term('carbon-steel', 'Thép carbon', 'Carbon steel', '炭素鋼', '탄소강'),
  term('stainless-steel', 'Thép không gỉ', 'Stainless steel', 'ステンレス鋼', '스테인리스강'),
  term('aluminium', 'Nhôm', 'Aluminium', 'アルミニウム', '알루미늄'),
  term('copper-brass', 'Đồng và đồng thau', 'Copper and brass', '銅・真鍮', '구리 및 황동'),
  term('zinc-alloy', 'Hợp kim kẽm', 'Zinc alloy', '亜鉛合金', '아연 합금'),
  term(
    'engineering-plastics',
    'Nhựa kỹ thuật (ABS, PP, PC, PA)',
    'Engineering plastics (ABS, PP, PC, PA)',
    'エンジニアリングプラスチック',
    '엔지니어링 플라스틱',
  ),
  term(
    'rubber-silicone',
    'Cao su và silicone',
    'Rubber and silicone',
    'ゴム・シリコーン',
    '고무 및 실리콘',
  ),
  term('textiles', 'Vải và sợi', 'Textiles', '繊維', '섬유'),
  term('leather', 'Da thuộc', 'Leather', '皮革', '가죽'),
  term('paper-board', 'Giấy và bìa', 'Paper and board', '紙・板紙', '종이 및 판지'),
  term('electronic-parts', 'Linh kiện điện tử', 'Electronic parts', '電子部品', '전자 부품'),
]

const certification = (code: string, label: string) => term(code, label, label, label, label)
export const CERTIFICATIONS: SampleTerm[] = [
  certification('iso-9001', 'ISO 9001'),
  certification('iatf-16949', 'IATF 16949'),
  certification('iso-14001', 'ISO 14001'),
  certification('iso-45001', 'ISO 45001'),
  certification('iso-13485', 'ISO 13485'),
  certification('as9100', 'AS9100'),
  certification('iso-iec-17025', 'ISO/IEC 17025'),
  certification('rohs', 'RoHS'),
  certification('reach', 'REACH'),
  certification('oeko-tex', 'OEKO-TEX'),
  certification('grs', 'GRS'),
  certification('lwg', 'LWG'),
  certification('sa8000', 'SA8000'),
  certification('amfori-bsci', 'amfori BSCI'),
  certification('wrap', 'WRAP'),
  certification('ul', 'UL'),
]

export interface SampleProvince {
  code: string
  vi: string
  en: string
  region: 'north' | 'central' | 'south'
}

const province = (code: string, vi: string, en: string, region: SampleProvince['region']) => ({
  code,
  vi,
  en,
  region,
})

// The 34 province-level units in force since 1 July 2025 (Resolution 202/2025/QH15).
export const PROVINCES: SampleProvince[] = [
  province('ha-noi', 'Hà Nội', 'Hanoi', 'north'),
  province('hai-phong', 'Hải Phòng', 'Hai Phong', 'north'),
  province('bac-ninh', 'Bắc Ninh', 'Bac Ninh', 'north'),
  province('hung-yen', 'Hưng Yên', 'Hung Yen', 'north'),
  province('quang-ninh', 'Quảng Ninh', 'Quang Ninh', 'north'),
  province('phu-tho', 'Phú Thọ', 'Phu Tho', 'north'),
  province('thai-nguyen', 'Thái Nguyên', 'Thai Nguyen', 'north'),
  province('ninh-binh', 'Ninh Bình', 'Ninh Binh', 'north'),
  province('tuyen-quang', 'Tuyên Quang', 'Tuyen Quang', 'north'),
  province('lao-cai', 'Lào Cai', 'Lao Cai', 'north'),
  province('lang-son', 'Lạng Sơn', 'Lang Son', 'north'),
  province('cao-bang', 'Cao Bằng', 'Cao Bang', 'north'),
  province('son-la', 'Sơn La', 'Son La', 'north'),
  province('dien-bien', 'Điện Biên', 'Dien Bien', 'north'),
  province('lai-chau', 'Lai Châu', 'Lai Chau', 'north'),
  province('thanh-hoa', 'Thanh Hóa', 'Thanh Hoa', 'central'),
  province('nghe-an', 'Nghệ An', 'Nghe An', 'central'),
  province('ha-tinh', 'Hà Tĩnh', 'Ha Tinh', 'central'),
  province('quang-tri', 'Quảng Trị', 'Quang Tri', 'central'),
  province('hue', 'Huế', 'Hue', 'central'),
  province('da-nang', 'Đà Nẵng', 'Da Nang', 'central'),
  province('quang-ngai', 'Quảng Ngãi', 'Quang Ngai', 'central'),
  province('gia-lai', 'Gia Lai', 'Gia Lai', 'central'),
  province('dak-lak', 'Đắk Lắk', 'Dak Lak', 'central'),
  province('khanh-hoa', 'Khánh Hòa', 'Khanh Hoa', 'central'),
  province('lam-dong', 'Lâm Đồng', 'Lam Dong', 'central'),
  province('ho-chi-minh', 'Thành phố Hồ Chí Minh', 'Ho Chi Minh City', 'south'),
  province('dong-nai', 'Đồng Nai', 'Dong Nai', 'south'),
  province('tay-ninh', 'Tây Ninh', 'Tay Ninh', 'south'),
  province('dong-thap', 'Đồng Tháp', 'Dong Thap', 'south'),
  province('vinh-long', 'Vĩnh Long', 'Vinh Long', 'south'),
  province('can-tho', 'Cần Thơ', 'Can Tho', 'south'),
  province('an-giang', 'An Giang', 'An Giang', 'south'),
  province('ca-mau', 'Cà Mau', 'Ca Mau', 'south'),
]

export const EMPLOYEE_BANDS = ['1-9', '10-49', '50-199', '200-499', '500-999', '1000+']

export const EXPORT_MARKETS = [
  'JP',
  'KR',
  'US',
  'DE',
  'CN',
  'TW',
  'TH',
  'SG',
  'FR',
  'GB',
  'AU',
  'IN',
  'MY',
  'ID',
  'NL',
  'IT',
  'CA',
  'MX',
  'PL',
  'CZ',
]

/** Synonym groups of the kind the programme's vocabulary team maintains. */
export const SAMPLE_SYNONYMS: string[][] = [
  ['wire harness', 'bó dây điện', 'ワイヤーハーネス', '와이어 하네스'],
  ['injection moulding', 'injection molding', 'ép phun'],
  ['mould', 'mold', 'khuôn'],
  ['aluminium', 'aluminum', 'nhôm'],
  ['stainless steel', 'inox', 'thép không gỉ'],
  ['powder coating', 'sơn tĩnh điện'],
  ['pcb', 'bảng mạch', 'mạch in'],
  ['stamping', 'dập'],
]

/** All four labels of a term, as the caller puts them into taxonomyLabels. */
export function labelsOf(terms: SampleTerm[]): string[] {
  return [...new Set(terms.flatMap((t) => [t.vi, t.en, t.ja, t.ko]))]
}

export function byCode<T extends { code: string }>(list: T[], code: string): T {
  const found = list.find((item) => item.code === code)
  if (!found) throw new Error(`Unknown sample taxonomy code: ${code}`)
  return found
}
