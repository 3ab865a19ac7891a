/**
 * Messages of the onboarding domain, in both languages. Each domain keeps its own catalogue so that
 * features land without touching one shared file; vi.ts and en.ts spread them in. Issue 15: the
 * header, home, footer pages, result cards, onboarding and the first screens of each user group.
 */
export const viOnboarding = {
  'onboarding.nav.about': 'Giới thiệu',
  'onboarding.nav.events': 'Sự kiện',
  'onboarding.nav.account': 'Tài khoản',
  'onboarding.nav.companyProfile': 'Hồ sơ năng lực',

  'onboarding.footer.about': 'Giới thiệu chương trình',
  'onboarding.footer.contact': 'Liên hệ',
  'onboarding.footer.terms': 'Điều khoản sử dụng',
  'onboarding.footer.privacy': 'Quyền riêng tư',
  'onboarding.footer.links': 'Thông tin',
  'onboarding.footer.office':
    'Văn phòng chương trình: Cục Công nghiệp, Bộ Công Thương, 54 Hai Bà Trưng, Hoàn Kiếm, Hà Nội.',

  'onboarding.home.title': 'Tìm nhà cung cấp linh kiện, phụ tùng và vật liệu tại Việt Nam',
  'onboarding.home.lead':
    'Hồ sơ năng lực của doanh nghiệp công nghiệp hỗ trợ: công đoạn, thiết bị, chứng nhận, thị trường xuất khẩu. Hồ sơ có dấu “Đã xác minh” được cán bộ chương trình kiểm tra.',
  'onboarding.home.searchLabel': 'Bạn cần tìm gì?',
  'onboarding.home.searchPlaceholder': 'Ví dụ: dập kim loại, ép nhựa, bó dây điện, ISO 9001',
  'onboarding.home.searchSubmit': 'Tìm nhà cung cấp',
  'onboarding.home.count': '{count} nhà cung cấp đang có hồ sơ công khai',
  'onboarding.home.countVerified': '{count} đã được xác minh',
  'onboarding.home.sectorsTitle': 'Tìm theo ngành',
  'onboarding.home.sectorCount': '{count} nhà cung cấp',
  'onboarding.home.recentTitle': 'Nhà cung cấp đã xác minh gần đây',
  'onboarding.home.recentAll': 'Xem tất cả nhà cung cấp đã xác minh',
  'onboarding.home.recentNone': 'Chưa có nhà cung cấp nào được xác minh.',
  'onboarding.home.forSuppliers': 'Dành cho nhà cung cấp',
  'onboarding.home.forSuppliersBody':
    'Đăng ký miễn phí, lập hồ sơ năng lực song ngữ, được cán bộ chương trình xác minh và nhận yêu cầu từ người mua trong và ngoài nước.',
  'onboarding.home.forSuppliersCta': 'Đăng ký nhà cung cấp',
  'onboarding.home.forBuyers': 'Dành cho người mua',
  'onboarding.home.forBuyersBody':
    'Tìm và so sánh nhà cung cấp theo công đoạn, chứng nhận, tỉnh thành; nhắn tin trực tiếp bằng tiếng Việt hoặc tiếng Anh. Không cần mã số thuế Việt Nam.',
  'onboarding.home.forBuyersCta': 'Đăng ký người mua',
  'onboarding.home.browseCta': 'Xem danh sách nhà cung cấp',

  'onboarding.card.initials': 'Biểu trưng chữ viết tắt của {name}',
  'onboarding.card.processes': 'Công đoạn',
  'onboarding.card.certifications': 'Chứng nhận',
  'onboarding.card.region': 'Khu vực',
  'onboarding.card.contact': 'Liên hệ',
  'onboarding.card.view': 'Xem hồ sơ',
  'onboarding.card.inVietnamese': 'Tiếng Việt',
  'onboarding.card.inEnglish': 'Tiếng Anh',
  'onboarding.card.exportMarkets': 'Xuất khẩu',

  'onboarding.filters.show': 'Xem {count} kết quả',
  'onboarding.filters.close': 'Đóng bộ lọc',
  'onboarding.empty.tryTitle': 'Thử tìm rộng hơn',
  'onboarding.empty.withoutFilter': 'Bỏ lọc “{label}”: {count} nhà cung cấp',
  'onboarding.empty.withoutQuery': 'Bỏ từ khóa, giữ bộ lọc: {count} nhà cung cấp',
  'onboarding.empty.browseSectors': 'Hoặc xem theo ngành:',

  'onboarding.notFound.supplierTitle': 'Không tìm thấy nhà cung cấp này',
  'onboarding.notFound.supplierBody':
    'Hồ sơ có thể đã đổi địa chỉ, tạm ẩn hoặc chưa từng tồn tại. Hãy tìm nhà cung cấp theo tên hoặc công đoạn.',
  'onboarding.notFound.search': 'Tìm nhà cung cấp',
  'onboarding.notFound.searchFor': 'Tìm “{query}”',

  'onboarding.contact.title': 'Liên hệ',
  'onboarding.contact.lead':
    'VSI Connect do Văn phòng Chương trình phát triển công nghiệp hỗ trợ (Cục Công nghiệp, Bộ Công Thương) vận hành.',
  'onboarding.contact.officeTitle': 'Văn phòng chương trình',
  'onboarding.contact.office':
    'Cục Công nghiệp, Bộ Công Thương\n54 Hai Bà Trưng, phường Cửa Nam, Hà Nội\nGiờ làm việc: thứ Hai – thứ Sáu, 8:00 – 17:00 (giờ Việt Nam)',
  'onboarding.contact.emailTitle': 'Thư điện tử',
  'onboarding.contact.emailBody': 'Hỗ trợ tài khoản, xác minh hồ sơ và góp ý cho nền tảng:',
  'onboarding.contact.topicsTitle': 'Chúng tôi giúp gì',
  'onboarding.contact.topicSuppliers':
    'Nhà cung cấp: đăng ký, hoàn thiện hồ sơ năng lực, gửi giấy chứng nhận để xác minh.',
  'onboarding.contact.topicBuyers':
    'Người mua và nhà đầu tư: tìm nhà cung cấp phù hợp, giới thiệu doanh nghiệp, tham gia sự kiện kết nối.',
  'onboarding.contact.topicReport':
    'Báo cáo hồ sơ sai sự thật hoặc tin nhắn lạm dụng: ghi rõ địa chỉ trang và nội dung.',
  'onboarding.contact.reply': 'Chúng tôi trả lời trong vòng hai ngày làm việc.',

  'onboarding.terms.title': 'Điều khoản sử dụng',
  'onboarding.terms.updated': 'Cập nhật: 1 tháng 12 năm 2026',
  'onboarding.terms.s1.title': '1. Nền tảng',
  'onboarding.terms.s1.body':
    'VSI Connect là nền tảng kết nối của Chương trình phát triển công nghiệp hỗ trợ do Bộ Công Thương chủ trì. Nền tảng giúp doanh nghiệp công nghiệp hỗ trợ giới thiệu năng lực và giúp người mua trong và ngoài nước tìm nhà cung cấp. Nền tảng không phải là bên mua bán và không bảo đảm cho giao dịch giữa các doanh nghiệp.',
  'onboarding.terms.s2.title': '2. Tài khoản',
  'onboarding.terms.s2.body':
    'Mỗi tài khoản thuộc về một người cụ thể và một tổ chức. Bạn chịu trách nhiệm giữ bí mật mật khẩu và về mọi hoạt động từ tài khoản của mình. Cán bộ chương trình phải bật xác thực hai bước.',
  'onboarding.terms.s3.title': '3. Hồ sơ và thông tin đăng tải',
  'onboarding.terms.s3.body':
    'Nhà cung cấp cam kết thông tin về doanh nghiệp, thiết bị, sản phẩm và chứng nhận là đúng sự thật. Dấu “Đã xác minh” chỉ có nghĩa là cán bộ chương trình đã đối chiếu giấy tờ được gửi; người mua vẫn nên tự thẩm định trước khi ký hợp đồng. Chương trình có thể ẩn hồ sơ sai sự thật hoặc vi phạm pháp luật.',
  'onboarding.terms.s4.title': '4. Tin nhắn',
  'onboarding.terms.s4.body':
    'Tin nhắn chỉ dùng cho trao đổi kinh doanh. Không gửi thư rác, nội dung lừa đảo hoặc tệp độc hại. Cán bộ chương trình có thể xem tin nhắn bị báo cáo để xử lý vi phạm.',
  'onboarding.terms.s5.title': '5. Thay đổi và liên hệ',
  'onboarding.terms.s5.body':
    'Điều khoản có thể được cập nhật; thay đổi quan trọng sẽ được thông báo qua thư điện tử. Mọi thắc mắc xin gửi về văn phòng chương trình (trang Liên hệ).',

  'onboarding.privacy.title': 'Quyền riêng tư',
  'onboarding.privacy.updated': 'Cập nhật: 1 tháng 12 năm 2026',
  'onboarding.privacy.s1.title': 'Chúng tôi lưu gì',
  'onboarding.privacy.s1.body':
    'Tên, thư điện tử, ngôn ngữ và mật khẩu đã băm của người dùng; thông tin tổ chức (tên, mã số thuế, địa chỉ, hồ sơ năng lực); tin nhắn và tệp đính kèm; nhật ký thao tác của cán bộ.',
  'onboarding.privacy.s2.title': 'Ai xem được',
  'onboarding.privacy.s2.body':
    'Hồ sơ năng lực của nhà cung cấp là công khai. Hồ sơ người mua chỉ nhà cung cấp mà người mua liên hệ và cán bộ chương trình xem được. Tin nhắn chỉ hai tổ chức trong cuộc trò chuyện xem được. Mã số thuế và giấy tờ xác minh chỉ cán bộ chương trình xem được.',
  'onboarding.privacy.s3.title': 'Để làm gì',
  'onboarding.privacy.s3.body':
    'Để vận hành nền tảng, xác minh doanh nghiệp, thống kê cho chương trình (số liệu tổng hợp, không nêu tên người) và bảo vệ người dùng khỏi lạm dụng. Chúng tôi không bán dữ liệu và không dùng cookie quảng cáo; cookie chỉ để đăng nhập và nhớ ngôn ngữ.',
  'onboarding.privacy.s4.title': 'Quyền của bạn',
  'onboarding.privacy.s4.body':
    'Theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân, bạn có quyền xem, sửa, yêu cầu xóa dữ liệu của mình và rút lại sự đồng ý. Hãy gửi yêu cầu qua trang Liên hệ; chúng tôi trả lời trong vòng 72 giờ.',

  'onboarding.welcome.title': 'Chào mừng đến VSI Connect',
  'onboarding.welcome.supplierLead':
    'Người mua tìm nhà cung cấp theo công đoạn, chứng nhận và tỉnh thành. Năm bước sau giúp họ tìm thấy bạn.',
  'onboarding.welcome.buyerLead':
    'Bạn có thể tìm và liên hệ nhà cung cấp ngay. Các bước sau giúp nhà cung cấp trả lời bạn nhanh hơn.',
  'onboarding.welcome.staffLead': 'Việc của cán bộ chương trình bắt đầu từ trang quản trị.',
  'onboarding.welcome.checklist': 'Các bước tiếp theo',
  'onboarding.welcome.done': 'Đã xong',
  'onboarding.welcome.todo': 'Chưa làm',
  'onboarding.welcome.progress': 'Đã xong {done}/{total} bước',
  'onboarding.welcome.verifyEmail': 'Xác nhận địa chỉ thư điện tử',
  'onboarding.welcome.supplierGeneral': 'Giới thiệu doanh nghiệp (tên giao dịch, mô tả song ngữ)',
  'onboarding.welcome.supplierCapabilities': 'Chọn công đoạn, vật liệu và thiết bị',
  'onboarding.welcome.supplierCertifications': 'Thêm chứng nhận (ISO 9001, IATF 16949…)',
  'onboarding.welcome.supplierMedia': 'Tải biểu trưng và ảnh nhà xưởng',
  'onboarding.welcome.supplierPublic': 'Xem hồ sơ công khai như người mua thấy',
  'onboarding.welcome.buyerProfile': 'Cho nhà cung cấp biết bạn cần gì (hồ sơ người mua)',
  'onboarding.welcome.buyerSearch': 'Tìm nhà cung cấp',
  'onboarding.welcome.buyerMessage': 'Gửi tin nhắn đầu tiên cho một nhà cung cấp',
  'onboarding.welcome.staffConsole': 'Mở trang quản trị',
  'onboarding.welcome.staffTwoFactor': 'Bật xác thực hai bước',
  'onboarding.welcome.account': 'Đổi tên hoặc ngôn ngữ trong Tài khoản',
  'onboarding.welcome.later': 'Để sau, đến trang chủ',

  'onboarding.signup.optional': '(không bắt buộc)',
  'onboarding.signup.buyerForeignHint':
    'Người mua ở nước ngoài không cần mã số thuế hay tỉnh thành Việt Nam.',
  'onboarding.buyer.visibility':
    'Ai xem được: nhà cung cấp mà bạn liên hệ và cán bộ chương trình. Hồ sơ người mua không hiện trong tìm kiếm.',

  'onboarding.chat.enterHint': 'Enter để gửi, Shift+Enter để xuống dòng',
  'onboarding.chat.timeZone': 'Giờ theo múi giờ {zone}',

  'onboarding.missing.logo': 'biểu trưng (logo)',
  'onboarding.missing.photos': 'ảnh nhà xưởng',
  'onboarding.list.selected': 'Đã chọn {count}',
  'onboarding.list.none': 'Chưa chọn',
  'onboarding.list.showAll': 'Xem và sửa danh sách ({count} mục)',

  'onboarding.audit.when': 'Thời điểm',
  'onboarding.audit.who': 'Người thực hiện',
  'onboarding.audit.what': 'Thao tác',
  'onboarding.audit.details': 'Chi tiết',
  'onboarding.audit.system': 'Hệ thống',
  'onboarding.audit.zone': 'Thời gian theo giờ Việt Nam (UTC+7)',
  'onboarding.audit.action.staffCreate': 'Tạo tài khoản cán bộ',
  'onboarding.audit.action.passwordChange': 'Đổi mật khẩu',
  'onboarding.audit.action.totpEnable': 'Bật xác thực hai bước',
  'onboarding.chat.legalName': 'Tên đăng ký',
  'onboarding.media.logoEditorBody':
    'Biểu trưng hiện trên hồ sơ công khai, trong kết quả tìm kiếm và trong tin nhắn. Chỉ chủ sở hữu và quản trị viên của tổ chức được thay đổi.',
  'onboarding.public.ownerNote':
    'Bạn đang xem trang công khai của tổ chức mình. Các mục trống bên dưới chỉ hiện với bạn; người mua không thấy chúng.',
  'onboarding.public.addDescription': 'Thêm phần giới thiệu công ty',
  'onboarding.public.addPhotos': 'Thêm ảnh nhà xưởng',
  'onboarding.public.addCapabilities': 'Thêm ngành, công nghệ, vật liệu và thiết bị',
  'onboarding.public.addProducts': 'Thêm sản phẩm (mã HS, MOQ, thời gian giao hàng)',
  'onboarding.public.addCertifications': 'Thêm chứng nhận',
  'onboarding.public.addMarkets': 'Thêm thị trường xuất khẩu và khách hàng tiêu biểu',
  'onboarding.public.ownerOnly': 'Chỉ bạn thấy mục này',
  'onboarding.public.stickyContact': 'Liên hệ nhà cung cấp',
} as const

export const enOnboarding: Record<keyof typeof viOnboarding, string> = {
  'onboarding.nav.about': 'About',
  'onboarding.nav.events': 'Events',
  'onboarding.nav.account': 'Account',
  'onboarding.nav.companyProfile': 'Company profile',

  'onboarding.footer.about': 'About the programme',
  'onboarding.footer.contact': 'Contact',
  'onboarding.footer.terms': 'Terms of use',
  'onboarding.footer.privacy': 'Privacy',
  'onboarding.footer.links': 'Information',
  'onboarding.footer.office':
    'Programme office: Industry Agency, Ministry of Industry and Trade, 54 Hai Ba Trung, Hoan Kiem, Hanoi.',

  'onboarding.home.title': 'Find component, parts and materials suppliers in Vietnam',
  'onboarding.home.lead':
    'Capability profiles of supporting-industry manufacturers: processes, equipment, certifications, export markets. Profiles marked “Verified” have been checked by programme staff.',
  'onboarding.home.searchLabel': 'What are you looking for?',
  'onboarding.home.searchPlaceholder':
    'e.g. metal stamping, injection moulding, wire harness, ISO 9001',
  'onboarding.home.searchSubmit': 'Find suppliers',
  'onboarding.home.count': '{count} suppliers with a public profile',
  'onboarding.home.countVerified': '{count} verified',
  'onboarding.home.sectorsTitle': 'Browse by sector',
  'onboarding.home.sectorCount': '{count} suppliers',
  'onboarding.home.recentTitle': 'Recently verified suppliers',
  'onboarding.home.recentAll': 'See all verified suppliers',
  'onboarding.home.recentNone': 'No supplier has been verified yet.',
  'onboarding.home.forSuppliers': 'For suppliers',
  'onboarding.home.forSuppliersBody':
    'Register free of charge, build a bilingual capability profile, get verified by programme staff and receive enquiries from buyers in Vietnam and abroad.',
  'onboarding.home.forSuppliersCta': 'Register as a supplier',
  'onboarding.home.forBuyers': 'For buyers',
  'onboarding.home.forBuyersBody':
    'Find and compare suppliers by process, certification and province; message them directly in English or Vietnamese. No Vietnamese tax code needed.',
  'onboarding.home.forBuyersCta': 'Register as a buyer',
  'onboarding.home.browseCta': 'Browse all suppliers',

  'onboarding.card.initials': 'Initials of {name}',
  'onboarding.card.processes': 'Processes',
  'onboarding.card.certifications': 'Certifications',
  'onboarding.card.region': 'Region',
  'onboarding.card.contact': 'Contact',
  'onboarding.card.view': 'View profile',
  'onboarding.card.inVietnamese': 'In Vietnamese',
  'onboarding.card.inEnglish': 'In English',
  'onboarding.card.exportMarkets': 'Exports to',

  'onboarding.filters.show': 'Show {count} results',
  'onboarding.filters.close': 'Close filters',
  'onboarding.empty.tryTitle': 'Try a wider search',
  'onboarding.empty.withoutFilter': 'Without “{label}”: {count} suppliers',
  'onboarding.empty.withoutQuery': 'Without the keywords, same filters: {count} suppliers',
  'onboarding.empty.browseSectors': 'Or browse by sector:',

  'onboarding.notFound.supplierTitle': 'We could not find this supplier',
  'onboarding.notFound.supplierBody':
    'The profile may have moved, been hidden for now, or never existed. Search for suppliers by name or process.',
  'onboarding.notFound.search': 'Search suppliers',
  'onboarding.notFound.searchFor': 'Search for “{query}”',

  'onboarding.contact.title': 'Contact',
  'onboarding.contact.lead':
    'VSI Connect is run by the office of the Supporting Industry Development Programme (Industry Agency, Ministry of Industry and Trade).',
  'onboarding.contact.officeTitle': 'Programme office',
  'onboarding.contact.office':
    'Industry Agency, Ministry of Industry and Trade\n54 Hai Ba Trung, Cua Nam ward, Hanoi, Vietnam\nOffice hours: Monday – Friday, 8:00 – 17:00 (Vietnam time, UTC+7)',
  'onboarding.contact.emailTitle': 'E-mail',
  'onboarding.contact.emailBody':
    'Account help, profile verification and feedback on the platform:',
  'onboarding.contact.topicsTitle': 'What we help with',
  'onboarding.contact.topicSuppliers':
    'Suppliers: registering, completing a capability profile, sending certificates for verification.',
  'onboarding.contact.topicBuyers':
    'Buyers and investors: finding suitable suppliers, introductions, joining matchmaking events.',
  'onboarding.contact.topicReport':
    'Reporting a false profile or abusive messages: include the page address and what happened.',
  'onboarding.contact.reply': 'We reply within two working days.',

  'onboarding.terms.title': 'Terms of use',
  'onboarding.terms.updated': 'Updated: 1 December 2026',
  'onboarding.terms.s1.title': '1. The platform',
  'onboarding.terms.s1.body':
    'VSI Connect is the matchmaking platform of the Supporting Industry Development Programme led by the Ministry of Industry and Trade. It helps supporting-industry firms present their capabilities and helps buyers in Vietnam and abroad find suppliers. The platform is not a party to any sale and does not guarantee dealings between firms.',
  'onboarding.terms.s2.title': '2. Accounts',
  'onboarding.terms.s2.body':
    'Each account belongs to one named person and one organisation. You keep your password secret and are responsible for what is done from your account. Programme staff must use two-step verification.',
  'onboarding.terms.s3.title': '3. Profiles and what you publish',
  'onboarding.terms.s3.body':
    'Suppliers confirm that what they state about their company, equipment, products and certifications is true. “Verified” means only that programme staff checked the documents sent; buyers should still carry out their own due diligence before signing a contract. The programme may hide profiles that are false or unlawful.',
  'onboarding.terms.s4.title': '4. Messages',
  'onboarding.terms.s4.body':
    'Messages are for business only. Do not send spam, fraudulent content or harmful files. Programme staff may read reported messages to deal with abuse.',
  'onboarding.terms.s5.title': '5. Changes and contact',
  'onboarding.terms.s5.body':
    'These terms may be updated; important changes are announced by e-mail. Send any question to the programme office (see Contact).',

  'onboarding.privacy.title': 'Privacy',
  'onboarding.privacy.updated': 'Updated: 1 December 2026',
  'onboarding.privacy.s1.title': 'What we keep',
  'onboarding.privacy.s1.body':
    'Users’ names, e-mail addresses, language and hashed passwords; organisation details (names, tax code, address, capability profile); messages and attachments; a log of staff actions.',
  'onboarding.privacy.s2.title': 'Who sees it',
  'onboarding.privacy.s2.body':
    'Supplier capability profiles are public. A buyer profile is seen only by suppliers the buyer contacts and by programme staff. Messages are seen only by the two organisations in the conversation. Tax codes and verification documents are seen only by programme staff.',
  'onboarding.privacy.s3.title': 'What for',
  'onboarding.privacy.s3.body':
    'To run the platform, verify firms, produce programme statistics (aggregated, naming no one) and protect users from abuse. We do not sell data and use no advertising cookies; cookies only keep you signed in and remember your language.',
  'onboarding.privacy.s4.title': 'Your rights',
  'onboarding.privacy.s4.body':
    'Under Decree 13/2023/ND-CP on personal data protection you may see, correct and ask us to delete your data, and withdraw your consent. Send your request through the Contact page; we answer within 72 hours.',

  'onboarding.welcome.title': 'Welcome to VSI Connect',
  'onboarding.welcome.supplierLead':
    'Buyers find suppliers by process, certification and province. These five steps help them find you.',
  'onboarding.welcome.buyerLead':
    'You can search and contact suppliers right away. These steps help suppliers answer you faster.',
  'onboarding.welcome.staffLead': 'Programme staff work starts from the staff console.',
  'onboarding.welcome.checklist': 'Next steps',
  'onboarding.welcome.done': 'Done',
  'onboarding.welcome.todo': 'To do',
  'onboarding.welcome.progress': '{done} of {total} steps done',
  'onboarding.welcome.verifyEmail': 'Confirm your e-mail address',
  'onboarding.welcome.supplierGeneral':
    'Introduce your company (trade name, description in both languages)',
  'onboarding.welcome.supplierCapabilities': 'Choose your processes, materials and equipment',
  'onboarding.welcome.supplierCertifications': 'Add certifications (ISO 9001, IATF 16949…)',
  'onboarding.welcome.supplierMedia': 'Upload your logo and factory photos',
  'onboarding.welcome.supplierPublic': 'See your public profile as buyers see it',
  'onboarding.welcome.buyerProfile': 'Tell suppliers what you need (buyer profile)',
  'onboarding.welcome.buyerSearch': 'Find suppliers',
  'onboarding.welcome.buyerMessage': 'Send your first message to a supplier',
  'onboarding.welcome.staffConsole': 'Open the staff console',
  'onboarding.welcome.staffTwoFactor': 'Turn on two-step verification',
  'onboarding.welcome.account': 'Change your name or language in Account',
  'onboarding.welcome.later': 'Later: go to the home page',

  'onboarding.signup.optional': '(optional)',
  'onboarding.signup.buyerForeignHint':
    'Buyers outside Vietnam need no Vietnamese tax code or province.',
  'onboarding.buyer.visibility':
    'Who sees this: suppliers you contact and programme staff. Buyer profiles do not appear in search.',

  'onboarding.chat.enterHint': 'Enter sends, Shift+Enter starts a new line',
  'onboarding.chat.timeZone': 'Times in {zone}',

  'onboarding.missing.logo': 'a logo',
  'onboarding.missing.photos': 'factory photos',
  'onboarding.list.selected': '{count} selected',
  'onboarding.list.none': 'None selected',
  'onboarding.list.showAll': 'See and change the list ({count} items)',

  'onboarding.audit.when': 'When',
  'onboarding.audit.who': 'Who',
  'onboarding.audit.what': 'Action',
  'onboarding.audit.details': 'Details',
  'onboarding.audit.system': 'System',
  'onboarding.audit.zone': 'Times in Vietnam time (UTC+7)',
  'onboarding.audit.action.staffCreate': 'Staff account created',
  'onboarding.audit.action.passwordChange': 'Password changed',
  'onboarding.audit.action.totpEnable': 'Two-step verification turned on',
  'onboarding.chat.legalName': 'Registered name',
  'onboarding.media.logoEditorBody':
    'The logo appears on the public profile, in search results and in messages. Only the organisation’s owners and admins can change it.',
  'onboarding.public.ownerNote':
    'You are looking at your organisation’s public page. The empty sections below are shown only to you; buyers do not see them.',
  'onboarding.public.addDescription': 'Add a company description',
  'onboarding.public.addPhotos': 'Add photos of the factory',
  'onboarding.public.addCapabilities': 'Add sectors, processes, materials and equipment',
  'onboarding.public.addProducts': 'Add products (HS code, MOQ, lead time)',
  'onboarding.public.addCertifications': 'Add certifications',
  'onboarding.public.addMarkets': 'Add export markets and key customers',
  'onboarding.public.ownerOnly': 'Only you see this',
  'onboarding.public.stickyContact': 'Contact supplier',
}
