import type { SupplierSearchDocument } from '#search/documents.ts'

/**
 * The judged set: queries a buyer types, each with the suppliers that make what was asked for.
 * Relevance is judged by what a supplier makes, never by what an engine returned:
 * - `relevant`: the hand-written thin profiles (thin-profiles.ts) that make it;
 * - `demo`: a rule over a demo supplier's products (names and details, vi and en as the
 *   generator writes them) and codes, saying which of the demo generator's suppliers make it
 *   too. It is judged on what they make (their product lines and process codes), not on words
 *   an engine could match: a demo "motor housing" maker is not a motor maker.
 * Groups: `vi` (with diacritics), `vi-plain` (typed without them), `en`, `ja`, `ko`, `typo`
 * (English and Vietnamese typos, Telex leftovers such as "vongf"). Multi-word part names are
 * spread over every group.
 */
export type QueryGroup = 'vi' | 'vi-plain' | 'en' | 'ja' | 'ko' | 'typo'
export const QUERY_GROUPS: readonly QueryGroup[] = ['vi', 'vi-plain', 'en', 'ja', 'ko', 'typo']

export interface JudgedQuery {
  q: string
  group: QueryGroup
  relevant: string[]
  demo?: (supplier: SupplierSearchDocument) => boolean
}

const makes = (pattern: RegExp) => (s: SupplierSearchDocument) =>
  s.products.some((text) => pattern.test(text))
const does =
  (...processes: string[]) =>
  (s: SupplierSearchDocument) =>
    s.process.some((code) => processes.includes(code))
const either =
  (...rules: Array<(s: SupplierSearchDocument) => boolean>) =>
  (s: SupplierSearchDocument) =>
    rules.some((rule) => rule(s))
const both =
  (...rules: Array<(s: SupplierSearchDocument) => boolean>) =>
  (s: SupplierSearchDocument) =>
    rules.every((rule) => rule(s))
const certified = (code: string) => (s: SupplierSearchDocument) => s.certification.includes(code)

// What the demo suppliers make, by kind of product or service.
const hinges = makes(/bản lề|hinge/i)
const valves = makes(/\bvan\b|valve/i)
const springs = makes(/lò xo|spring/i)
const bolts = makes(/bu lông|bolt/i)
const castIron = makes(/\bgang\b|cast iron/i)
const zips = makes(/khóa kéo|\bzip/i)
const buttons = makes(/cúc áo|button/i)
const wovenLabels = makes(/nhãn dệt|woven label/i)
const garmentAccessories = either(
  zips,
  buttons,
  wovenLabels,
  makes(/chỉ may|sewing thread|dây đai dệt|webbing|móc treo|hanger/i),
)
const harnesses = either(
  makes(/bó dây|wire harness|wiring assembly|cụm dây dẫn/i),
  does('wire-harness-assembly'),
)
const gears = makes(/bánh răng|\bgears?\b/i)
const shafts = makes(/\btrục\b|shaft/i)
const gaskets = makes(/gioăng|gasket/i)
const injectionMoulds = makes(/khuôn ép nhựa|injection mould\b/i)
const mouldMaking = does('mould-and-die-making')
const plating = does('plating')
const powderCoating = does('powder-coating')
const inductionHardening = either(makes(/tôi cao tần|induction-hardened/i))
const forging = does('forging')
const injectionMoulding = does('plastic-injection-moulding')
const blowMoulding = does('blow-moulding')
const antiVibration = makes(/chống rung|anti-vibration/i)
const cartons = makes(/carton/i)
const soles = makes(/đế giày|outsole|midsole/i)
const knitted = makes(/dệt kim|knitted/i)
const thread = makes(/chỉ may|sewing thread/i)
const pcbAssembly = does('pcb-assembly')
const cables = either(
  makes(/cáp điện|cáp mạng|cáp sạc|power cable|lan cable|charging cable/i),
  does('cable-making'),
)
const terminals = makes(/đầu cốt|terminal/i)
const printing3d = does('3d-printing-prototyping')
const heatSinks = makes(/tản nhiệt|heat sink/i)
const fixtures = makes(/đồ gá|fixture/i)
const profiles = makes(/nhôm định hình|aluminium profile/i)
const sheetMetal = does('sheet-metal-fabrication')
const welding = does('welding')
const bushings = makes(/bạc lót|bushing/i)
const anodising = does('anodising')
const cowhide = makes(/da bò|cowhide/i)
const machining = does('cnc-milling', 'cnc-turning')
const stamping = does('metal-stamping')

type Row = [q: string, relevant: string, demo?: (s: SupplierSearchDocument) => boolean]

const ROWS: Record<QueryGroup, Row[]> = {
  vi: [
    ['vòng bi', 't01'],
    ['bạc đạn', 't01'],
    ['bản lề inox', 't02', hinges],
    ['van công nghiệp', 't03', valves],
    ['puli', 't04'],
    ['lò xo', 't05', springs],
    ['bu lông dập nguội', 't06', bolts],
    ['đúc gang', 't07'],
    ['phụ liệu may', 't08 t09 t53 t57', garmentAccessories],
    ['khóa kéo', 't08 t57', zips],
    ['nhãn mác quần áo', 't08', wovenLabels],
    ['bó dây điện', 't11', harnesses],
    ['bó dây', 't11', harnesses],
    ['bánh răng', 't12', gears],
    ['trục truyền động', 't13', shafts],
    ['gioăng cao su', 't14', gaskets],
    ['phớt thủy lực', 't14'],
    ['khuôn ép nhựa', 't15 t40', injectionMoulds],
    ['mạ kẽm', 't16', plating],
    ['sơn tĩnh điện', 't17', powderCoating],
    ['tôi cao tần', 't18', inductionHardening],
    ['rèn nóng', 't19', forging],
    ['ép phun nhựa', 't20 t40', injectionMoulding],
    ['thổi chai nhựa', 't21', blowMoulding],
    ['cao su chống rung', 't22', antiVibration],
    ['thùng carton', 't23', cartons],
    ['đế giày', 't24', soles],
    ['vải dệt kim', 't25', knitted],
    ['chỉ may', 't26', thread],
    ['lắp ráp bo mạch', 't27', pcbAssembly],
    ['cáp điện', 't28', cables],
    ['máy biến áp', 't29'],
    ['động cơ điện', 't30'],
    ['đầu cốt đồng', 't31', terminals],
    ['in 3D', 't32', printing3d],
    ['tản nhiệt nhôm', 't33', heatSinks],
    ['ống inox', 't34'],
    ['nhông xích', 't35'],
    ['bơm ly tâm', 't36'],
    ['đồ gá', 't41', fixtures],
    ['nhôm định hình', 't42', profiles],
    ['gia công kim loại tấm', 't43', sheetMetal],
    ['cắt laser', 't44'],
    ['hàn TIG', 't45', welding],
    ['kiểm tra không phá hủy', 't46'],
    ['bạc lót', 't47', bushings],
    ['đinh tán', 't48 t38'],
    ['anod hóa', 't49', anodising],
    ['ống thủy lực', 't50'],
    ['nam châm', 't54'],
    ['tem nhãn decal', 't55'],
    ['kính cường lực', 't56'],
    ['túi da', 't58'],
    ['cúc áo', 't08 t53', buttons],
    ['dây thun', 't09'],
    ['da bò', 't10', cowhide],
  ],
  'vi-plain': [
    ['vong bi', 't01'],
    ['ban le', 't02', hinges],
    ['lo xo', 't05', springs],
    ['bo day dien', 't11', harnesses],
    ['banh rang', 't12', gears],
    ['gioang cao su', 't14', gaskets],
    ['khuon ep nhua', 't15 t40', injectionMoulds],
    ['ma kem', 't16', plating],
    ['son tinh dien', 't17', powderCoating],
    ['ren nong', 't19', forging],
    ['ep phun', 't20 t40', injectionMoulding],
    ['thung carton', 't23', cartons],
    ['de giay', 't24', soles],
    ['chi may', 't26', thread],
    ['cap dien', 't28', cables],
    ['bien ap', 't29'],
    ['dong co dien', 't30'],
    ['tan nhiet', 't33', heatSinks],
    ['nhong xich', 't35'],
    ['bom ly tam', 't36'],
    ['do ga', 't41', fixtures],
    ['nhom dinh hinh', 't42', profiles],
    ['cat laser', 't44'],
    ['dinh tan', 't48 t38'],
    ['anod hoa nhom', 't49', anodising],
    ['nam cham', 't54'],
    ['kinh cuong luc', 't56'],
    ['tui da', 't58'],
    ['dap nguoi', 't06 t38'],
    ['khoa keo', 't08 t57', zips],
    ['phu lieu may', 't08 t09 t53 t57', garmentAccessories],
    ['van cong nghiep', 't03', valves],
    ['duc gang', 't07'],
    ['truc lap', 't13'],
    ['dau cot', 't31', terminals],
    ['bac lot', 't47', bushings],
    ['ong inox', 't34'],
    ['phot thuy luc', 't14'],
  ],
  en: [
    ['bearings', 't01'],
    ['ball bearings', 't01'],
    ['hinges', 't02', hinges],
    ['stainless steel hinges', 't02', hinges],
    ['valves', 't03', valves],
    ['gate valve', 't03'],
    ['pulleys', 't04'],
    ['springs', 't05', springs],
    ['wire forming', 't05'],
    ['cold heading', 't06 t38'],
    ['bolts', 't06', bolts],
    ['cast iron', 't07 t03 t04', castIron],
    ['cast iron foundry', 't07'],
    ['garment accessories', 't08 t09 t53 t57', garmentAccessories],
    ['zippers', 't08 t57', zips],
    ['buttons', 't08 t53', buttons],
    ['clothing labels', 't08', wovenLabels],
    ['wire harness', 't11', harnesses],
    ['gears', 't12', gears],
    ['drive shaft', 't13'],
    ['rubber gaskets', 't14', gaskets],
    ['hydraulic seals', 't14'],
    ['injection moulds', 't15 t40', injectionMoulds],
    ['hot dip galvanizing', 't16'],
    ['powder coating', 't17', powderCoating],
    ['induction hardening', 't18', inductionHardening],
    ['forging', 't19', forging],
    ['plastic injection parts', 't20 t40', injectionMoulding],
    ['PET bottles', 't21'],
    ['blow moulding', 't21', blowMoulding],
    ['anti vibration rubber', 't22', antiVibration],
    ['cartons', 't23', cartons],
    ['shoe soles', 't24', soles],
    ['knitted fabric', 't25', knitted],
    ['sewing thread', 't26', thread],
    ['PCB assembly', 't27', pcbAssembly],
    ['power cable', 't28', cables],
    ['transformers', 't29'],
    ['electric motors', 't30'],
    ['cable lugs', 't31', terminals],
    ['3D printing', 't32', printing3d],
    ['heat sinks', 't33', heatSinks],
    ['stainless steel pipes', 't34'],
    ['chains and sprockets', 't35'],
    ['centrifugal pumps', 't36'],
    ['welding fixtures', 't41'],
    ['aluminium extrusion', 't42', profiles],
    ['sheet metal fabrication', 't43', sheetMetal],
    ['laser cutting', 't44'],
    ['TIG welding', 't45', welding],
    ['non destructive testing', 't46'],
    ['bronze bushings', 't47', bushings],
    ['rivets', 't48 t38'],
    ['anodizing', 't49', anodising],
    ['hydraulic hoses', 't50'],
    ['medical plastic parts ISO 13485', 't51', both(certified('iso-13485'), injectionMoulding)],
    ['environmental management plating', 't16', both(certified('iso-14001'), plating)],
    ['magnets', 't54'],
    ['tempered glass', 't56'],
    ['leather bags', 't58'],
    ['machining', 't04 t13', machining],
    ['CNC machining', 't04 t13', machining],
    ['cowhide leather', 't10', cowhide],
  ],
  ja: [
    ['ベアリング', 't01'],
    ['ヒンジ', 't02', hinges],
    ['バルブ', 't03', valves],
    ['プーリー', 't04'],
    ['ばね', 't05', springs],
    ['冷間圧造', 't06 t38'],
    ['鋳鉄', 't07 t03 t04', castIron],
    ['縫製副資材', 't08 t09 t53 t57', garmentAccessories],
    ['ファスナー', 't08 t57', zips],
    ['ボタン', 't08 t53', buttons],
    ['ワイヤーハーネス', 't11', harnesses],
    ['歯車', 't12', gears],
    ['シャフト', 't13', shafts],
    ['ガスケット', 't14', gaskets],
    ['射出成形金型', 't15 t40', injectionMoulds],
    ['めっき', 't16', plating],
    ['粉体塗装', 't17', powderCoating],
    ['高周波焼入れ', 't18', inductionHardening],
    ['鍛造', 't19', forging],
    ['射出成形', 't20 t40', injectionMoulding],
    ['ブロー成形', 't21', blowMoulding],
    ['防振ゴム', 't22', antiVibration],
    ['段ボール', 't23', cartons],
    ['靴底', 't24', soles],
    ['ミシン糸', 't26', thread],
    ['基板実装', 't27', pcbAssembly],
    ['トランス', 't29'],
    ['モーター', 't30'],
    ['圧着端子', 't31', terminals],
    ['3Dプリント', 't32', printing3d],
    ['ヒートシンク', 't33', heatSinks],
    ['アルミ押出', 't42', profiles],
    ['板金加工', 't43', sheetMetal],
    ['レーザー切断', 't44'],
    ['溶接', 't45', welding],
    ['非破壊検査', 't46'],
    ['リベット', 't48 t38'],
    ['アルマイト', 't49', anodising],
    ['精密プレス部品', 't39', stamping],
    ['金型設計', 't39', mouldMaking],
    ['チェーン', 't35'],
  ],
  ko: [
    ['베어링', 't01'],
    ['경첩', 't02', hinges],
    ['밸브', 't03', valves],
    ['풀리', 't04'],
    ['스프링', 't05', springs],
    ['냉간 압조', 't06 t38'],
    ['주철', 't07 t03 t04', castIron],
    ['봉제 부자재', 't08 t09 t53 t57', garmentAccessories],
    ['지퍼', 't08 t57', zips],
    ['단추', 't08 t53', buttons],
    ['와이어 하네스', 't11', harnesses],
    ['기어', 't12', gears],
    ['샤프트', 't13', shafts],
    ['개스킷', 't14', gaskets],
    ['사출 금형', 't15 t40', injectionMoulds],
    ['도금', 't16', plating],
    ['분체 도장', 't17', powderCoating],
    ['고주파 열처리', 't18', inductionHardening],
    ['단조', 't19', forging],
    ['사출 성형', 't20 t40', injectionMoulding],
    ['블로우 성형', 't21', blowMoulding],
    ['방진 고무', 't22', antiVibration],
    ['골판지 상자', 't23', cartons],
    ['신발 밑창', 't24', soles],
    ['재봉사', 't26', thread],
    ['PCB 조립', 't27', pcbAssembly],
    ['변압기', 't29'],
    ['모터', 't30'],
    ['압착 단자', 't31', terminals],
    ['3D 프린팅', 't32', printing3d],
    ['방열판', 't33', heatSinks],
    ['알루미늄 압출', 't42', profiles],
    ['판금 가공', 't43', sheetMetal],
    ['레이저 절단', 't44'],
    ['용접', 't45', welding],
    ['리벳', 't48 t38'],
    ['아노다이징', 't49', anodising],
    ['금형 제작', 't40 t15', mouldMaking],
    ['체인', 't35'],
  ],
  typo: [
    ['bearinsg', 't01'],
    ['hingess', 't02', hinges],
    ['valvs', 't03', valves],
    ['pullies', 't04'],
    ['sprngs', 't05', springs],
    ['zipers', 't08 t57', zips],
    ['buttns', 't08 t53', buttons],
    ['wire harnes', 't11', harnesses],
    ['gasktes', 't14', gaskets],
    ['injction moulds', 't15 t40', injectionMoulds],
    ['galvanizng', 't16'],
    ['powdr coating', 't17', powderCoating],
    ['forgng', 't19', forging],
    ['cartonss', 't23', cartons],
    ['sewing thred', 't26', thread],
    ['transfomers', 't29'],
    ['alumnium extrusion', 't42', profiles],
    ['rivtes', 't48 t38'],
    ['anodizng', 't49', anodising],
    ['vongf bi', 't01'],
    ['banhs rang', 't12', gears],
    ['khuoon ep nhua', 't15 t40', injectionMoulds],
    ['gioawng cao su', 't14', gaskets],
    ['centrifugal pumsp', 't36'],
  ],
}

export const JUDGED_QUERIES: JudgedQuery[] = QUERY_GROUPS.flatMap((group) =>
  ROWS[group].map(([q, relevant, demo]) => ({ q, group, relevant: relevant.split(' '), demo })),
)
