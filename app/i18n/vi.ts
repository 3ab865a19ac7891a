/** Vietnamese, the default language. Keys are shared with en.ts; the types keep them in step. */
export const vi = {
  'meta.title': 'VSI Connect — Kết nối công nghiệp hỗ trợ Việt Nam',
  'meta.description':
    'Nền tảng kết nối doanh nghiệp công nghiệp hỗ trợ Việt Nam với khách hàng và nhà đầu tư trong nước và quốc tế, thuộc Chương trình phát triển công nghiệp hỗ trợ của Bộ Công Thương.',
  'brand.name': 'VSI Connect',
  'brand.tagline': 'Chương trình phát triển công nghiệp hỗ trợ',
  'nav.label': 'Điều hướng chính',
  'nav.home': 'Trang chủ',
  'nav.about': 'Về chương trình',
  'nav.menu': 'Menu',
  'nav.skipToContent': 'Bỏ qua, đến nội dung chính',
  'auth.signIn': 'Đăng nhập',
  'language.label': 'Ngôn ngữ',
  'language.vi': 'Tiếng Việt',
  'language.en': 'English',
  'language.switchTo': 'Chuyển sang {language}',
  'home.hero.title': 'Kết nối nhà sản xuất linh kiện Việt Nam với chuỗi cung ứng toàn cầu',
  'home.hero.lead':
    'VSI Connect giúp doanh nghiệp sản xuất linh kiện, phụ tùng và vật liệu giới thiệu năng lực của mình bằng tiếng Việt và tiếng Anh, để các tập đoàn đa quốc gia, người mua nước ngoài và nhà đầu tư FDI tìm thấy và liên hệ trực tiếp.',
  'home.hero.suppliersCta': 'Dành cho nhà cung cấp',
  'home.hero.buyersCta': 'Dành cho người mua',
  'home.audiences.title': 'Nền tảng dành cho ai',
  'home.audiences.suppliers.title': 'Doanh nghiệp công nghiệp hỗ trợ',
  'home.audiences.suppliers.body':
    'Xây dựng hồ sơ năng lực song ngữ: công nghệ gia công, vật liệu, sản phẩm, chứng nhận có minh chứng, thiết bị, công suất và thị trường xuất khẩu. Trả lời yêu cầu báo giá và tham gia sự kiện kết nối.',
  'home.audiences.buyers.title': 'Người mua và nhà đầu tư',
  'home.audiences.buyers.body':
    'Tìm nhà cung cấp bằng ngôn ngữ của bạn, lọc theo ngành, công nghệ, chứng nhận và tỉnh thành, so sánh, lập danh sách ngắn và trao đổi trực tiếp qua tin nhắn.',
  'home.audiences.staff.title': 'Cán bộ chương trình',
  'home.audiences.staff.body':
    'Xác minh doanh nghiệp dựa trên minh chứng, tổ chức sự kiện kết nối B2B với lịch gặp tự động, và theo dõi các chỉ số của chương trình.',
  'home.aims.title': 'Mục tiêu của chương trình',
  'home.aims.connect':
    'Kết nối doanh nghiệp trong nước trở thành nhà cung cấp cho khách hàng trong nước và quốc tế.',
  'home.aims.investment': 'Thu hút đầu tư nước ngoài vào lĩnh vực công nghiệp hỗ trợ.',
  'home.aims.standards':
    'Giúp doanh nghiệp đáp ứng yêu cầu về hệ thống quản lý của chuỗi cung ứng toàn cầu.',
  'home.aims.portal': 'Vận hành cổng thông tin của chương trình.',
  'home.sectors.title': 'Các ngành công nghiệp hỗ trợ',
  'home.sectors.note': 'Theo Nghị định 111/2015/NĐ-CP về phát triển công nghiệp hỗ trợ.',
  'sector.automotive': 'Linh kiện, phụ tùng ô tô',
  'sector.electronics': 'Linh kiện điện, điện tử',
  'sector.textile': 'Nguyên phụ liệu dệt may',
  'sector.leather': 'Nguyên phụ liệu da giày',
  'sector.mechanical': 'Cơ khí chế tạo (khuôn mẫu, đồ gá, chi tiết máy)',
  'sector.hightech': 'Công nghiệp công nghệ cao',
  'about.title': 'Về Chương trình phát triển công nghiệp hỗ trợ',
  'about.body':
    'Chương trình do Bộ Công Thương (Cục Công nghiệp) chủ trì nhằm nâng cao năng lực của doanh nghiệp sản xuất linh kiện, phụ tùng và vật liệu, kết nối họ với khách hàng trong nước và quốc tế, và thu hút đầu tư vào công nghiệp hỗ trợ. VSI Connect là nền tảng kết nối và cổng thông tin của chương trình.',
  'signIn.title': 'Đăng nhập',
  'signIn.placeholder':
    'Tài khoản cho nhà cung cấp, người mua và cán bộ chương trình đang được xây dựng. Vui lòng quay lại sau.',
  'footer.programme':
    'Chương trình phát triển công nghiệp hỗ trợ — Bộ Công Thương, Cục Công nghiệp.',
  'footer.rights': '© {year} VSI Connect.',
  'error.title': 'Đã xảy ra lỗi',
  'error.body':
    'Rất tiếc, hệ thống gặp sự cố khi xử lý yêu cầu của bạn. Vui lòng thử lại sau ít phút.',
  'error.reference': 'Mã lỗi: {status}',
  'error.backHome': 'Về trang chủ',
  'notFound.title': 'Không tìm thấy trang',
  'notFound.body': 'Trang bạn tìm không tồn tại hoặc đã được chuyển đi.',
  'validation.invalidLanguage': 'Ngôn ngữ không được hỗ trợ.',
} as const

export type TranslationKey = keyof typeof vi
