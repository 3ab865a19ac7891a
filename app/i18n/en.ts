import type { TranslationKey } from './vi.ts'

export const en: Record<TranslationKey, string> = {
  'meta.title': 'VSI Connect — Vietnam supporting industry connections',
  'meta.description':
    "The platform that connects Vietnam's supporting-industry manufacturers with domestic and foreign buyers and investors, run by the Ministry of Industry and Trade's Supporting Industry Development Programme.",
  'brand.name': 'VSI Connect',
  'brand.tagline': 'Supporting Industry Development Programme',
  'nav.label': 'Main navigation',
  'nav.home': 'Home',
  'nav.about': 'About the programme',
  'nav.menu': 'Menu',
  'nav.skipToContent': 'Skip to main content',
  'auth.signIn': 'Sign in',
  'language.label': 'Language',
  'language.vi': 'Tiếng Việt',
  'language.en': 'English',
  'language.switchTo': 'Switch to {language}',
  'home.hero.title': "Connecting Vietnam's component makers with global supply chains",
  'home.hero.lead':
    'VSI Connect lets makers of components, parts and materials present their capabilities in Vietnamese and English, so that multinationals, foreign buyers and FDI investors can find them and contact them directly.',
  'home.hero.suppliersCta': 'For suppliers',
  'home.hero.buyersCta': 'For buyers',
  'home.audiences.title': 'Who the platform is for',
  'home.audiences.suppliers.title': 'Supporting-industry firms',
  'home.audiences.suppliers.body':
    'Build a bilingual capability profile: processes, materials, products, certifications with evidence, equipment, capacity and export markets. Answer requests for quotation and join matchmaking events.',
  'home.audiences.buyers.title': 'Buyers and investors',
  'home.audiences.buyers.body':
    'Search suppliers in your own language, filter by sector, process, certification and province, compare, shortlist and talk to them directly in chat.',
  'home.audiences.staff.title': 'Programme staff',
  'home.audiences.staff.body':
    'Verify firms against evidence, run B2B matchmaking events with automatic meeting schedules, and follow the programme’s indicators.',
  'home.aims.title': 'What the programme sets out to do',
  'home.aims.connect': 'Connect domestic firms as suppliers to domestic and foreign customers.',
  'home.aims.investment': 'Attract foreign investment into supporting industry.',
  'home.aims.standards':
    'Help firms meet the management-system requirements of global supply chains.',
  'home.aims.portal': 'Run the programme’s information portal.',
  'home.sectors.title': 'Supporting-industry sectors',
  'home.sectors.note': 'As set out in Decree 111/2015/ND-CP on supporting-industry development.',
  'sector.automotive': 'Automotive parts',
  'sector.electronics': 'Electronic and electrical components',
  'sector.textile': 'Textile and garment materials',
  'sector.leather': 'Leather and footwear materials',
  'sector.mechanical': 'Mechanical engineering (moulds, dies, jigs, machine parts)',
  'sector.hightech': 'High-tech industry',
  'about.title': 'About the Supporting Industry Development Programme',
  'about.body':
    "Led by the Ministry of Industry and Trade (Industry Agency), the programme strengthens makers of components, parts and materials, connects them with domestic and foreign customers, and attracts investment into supporting industry. VSI Connect is the programme's matchmaking platform and information portal.",
  'signIn.title': 'Sign in',
  'signIn.placeholder':
    'Accounts for suppliers, buyers and programme staff are being built. Please come back soon.',
  'footer.programme':
    'Supporting Industry Development Programme — Ministry of Industry and Trade, Industry Agency.',
  'footer.rights': '© {year} VSI Connect.',
  'error.title': 'Something went wrong',
  'error.body':
    'Sorry, the system ran into a problem while handling your request. Please try again in a few minutes.',
  'error.reference': 'Error code: {status}',
  'error.backHome': 'Back to the home page',
  'notFound.title': 'Page not found',
  'notFound.body': 'The page you are looking for does not exist or has moved.',
  'validation.invalidLanguage': 'That language is not supported.',
}
