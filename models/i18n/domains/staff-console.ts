/**
 * Messages of the staff-console domain, in both languages. Each domain keeps its own catalogue so that
 * features land without touching one shared file; vi.ts and en.ts spread them in.
 */
export const viStaffConsole = {
  'staffConsole.verify.notSupplier': 'Chỉ nhà cung cấp mới được xác minh.',
  'staffConsole.verify.alreadyPending':
    'Yêu cầu xác minh của bạn đang chờ cán bộ chương trình xem xét.',
  'staffConsole.verify.alreadyVerified': 'Doanh nghiệp đã được chương trình xác minh.',
  'staffConsole.verify.checklistIncomplete':
    'Chưa đủ hồ sơ: hãy hoàn thành mọi mục trong danh sách trước khi gửi yêu cầu.',
  'staffConsole.verify.caseClosed': 'Hồ sơ này không còn chờ xử lý.',
  'staffConsole.verify.claimedByOther': 'Một cán bộ khác đang xử lý hồ sơ này.',
  'staffConsole.verify.notYourCase': 'Bạn cần nhận hồ sơ này trước khi xử lý.',
  'staffConsole.verify.methodRequired': 'Hãy chọn phương thức xác minh.',
  'staffConsole.verify.uncheckedItems': 'Hãy kiểm tra và đánh dấu mọi mục trước khi phê duyệt.',
  'staffConsole.verify.reasonsRequired': 'Hãy chọn ít nhất một lý do cho nhà cung cấp.',
  'staffConsole.verify.invalid': 'Yêu cầu không hợp lệ.',
  'staffConsole.verify.claimed': 'Bạn đã nhận hồ sơ.',
  'staffConsole.verify.released': 'Hồ sơ đã được trả lại hàng chờ.',
  'staffConsole.verify.decided': 'Đã ghi nhận quyết định.',
  'staffConsole.verify.requested':
    'Đã gửi yêu cầu xác minh. Cán bộ chương trình sẽ liên hệ với bạn.',
  'staffConsole.verify.uploaded': 'Đã tải lên giấy chứng nhận đăng ký doanh nghiệp.',

  'staffConsole.checklist.taxCode': 'Mã số thuế (MST) hợp lệ',
  'staffConsole.checklist.registration': 'Giấy chứng nhận đăng ký doanh nghiệp (tải lên bên dưới)',
  'staffConsole.checklist.certificate': 'Ít nhất một chứng chỉ kèm bản chứng minh',
  'staffConsole.checklist.photos': 'Ảnh nhà xưởng',
  'staffConsole.checklist.done': 'Đã có',
  'staffConsole.checklist.missing': 'Còn thiếu',

  'staffConsole.supplier.title': 'Xác minh bởi chương trình',
  'staffConsole.supplier.intro':
    'Huy hiệu “Đã được chương trình xác minh” giúp người mua tin tưởng hồ sơ của bạn. Cán bộ chương trình kiểm tra MST, giấy đăng ký doanh nghiệp, chứng chỉ và ảnh nhà xưởng.',
  'staffConsole.supplier.stateUnverified': 'Chưa xác minh.',
  'staffConsole.supplier.statePending': 'Đang chờ xác minh.',
  'staffConsole.supplier.stateRejected': 'Yêu cầu xác minh đã bị từ chối.',
  'staffConsole.supplier.stateChanges': 'Cán bộ chương trình yêu cầu bổ sung hồ sơ.',
  'staffConsole.supplier.reasonsTitle': 'Lý do',
  'staffConsole.supplier.request': 'Gửi yêu cầu xác minh',
  'staffConsole.supplier.uploadRegistration': 'Tải lên giấy đăng ký doanh nghiệp (PDF hoặc ảnh)',
  'staffConsole.supplier.upload': 'Tải lên',
  'staffConsole.supplier.expires': 'Hiệu lực đến {date}.',

  'staffConsole.badge': 'Đã được chương trình xác minh ngày {date}, {method}',
  'staffConsole.method.documents': 'qua hồ sơ giấy tờ',
  'staffConsole.method.call': 'qua cuộc gọi',
  'staffConsole.method.site-visit': 'qua thăm nhà xưởng',
  'staffConsole.methodLabel.documents': 'Hồ sơ giấy tờ',
  'staffConsole.methodLabel.call': 'Cuộc gọi',
  'staffConsole.methodLabel.site-visit': 'Thăm nhà xưởng',

  'staffConsole.reason.tax-code-mismatch': 'Mã số thuế không khớp với giấy đăng ký doanh nghiệp.',
  'staffConsole.reason.registration-missing':
    'Giấy đăng ký doanh nghiệp bị thiếu hoặc không đọc được.',
  'staffConsole.reason.registration-mismatch':
    'Tên hoặc địa chỉ trên giấy đăng ký không khớp với hồ sơ.',
  'staffConsole.reason.certificate-evidence':
    'Số hiệu, tổ chức cấp hoặc phạm vi của chứng chỉ không khớp với bản chứng minh.',
  'staffConsole.reason.certificate-expired': 'Chứng chỉ đã hết hiệu lực.',
  'staffConsole.reason.photos-insufficient': 'Ảnh nhà xưởng chưa đủ rõ hoặc chưa đủ số lượng.',
  'staffConsole.reason.other': 'Lý do khác (xem ghi chú của cán bộ).',

  'staffConsole.queueReason.request': 'Yêu cầu mới',
  'staffConsole.queueReason.identity-changed': 'Đổi MST/tên pháp lý',
  'staffConsole.queueReason.reverify': 'Xác minh lại',

  'staffConsole.queue.title': 'Hàng chờ xác minh',
  'staffConsole.queue.empty': 'Không có hồ sơ nào chờ xác minh.',
  'staffConsole.queue.filter': 'Lọc',
  'staffConsole.queue.search': 'Tên doanh nghiệp',
  'staffConsole.queue.province': 'Tỉnh/thành',
  'staffConsole.queue.reason': 'Loại',
  'staffConsole.queue.claim': 'Người xử lý',
  'staffConsole.queue.any': 'Tất cả',
  'staffConsole.queue.unclaimed': 'Chưa ai nhận',
  'staffConsole.queue.mine': 'Của tôi',
  'staffConsole.queue.requestedAt': 'Ngày gửi',
  'staffConsole.queue.organization': 'Doanh nghiệp',
  'staffConsole.queue.open': 'Mở hồ sơ',

  'staffConsole.case.title': 'Hồ sơ xác minh: {name}',
  'staffConsole.case.claim': 'Nhận hồ sơ',
  'staffConsole.case.release': 'Trả lại hàng chờ',
  'staffConsole.case.claimedBy': 'Đang do {name} xử lý.',
  'staffConsole.case.profile': 'Hồ sơ nhà cung cấp',
  'staffConsole.case.evidence': 'Bằng chứng',
  'staffConsole.case.taxCode': 'MST: {taxCode}',
  'staffConsole.case.registration': 'Giấy đăng ký doanh nghiệp',
  'staffConsole.case.certificate':
    'Chứng chỉ {standard}, số {number}, cấp bởi {issuer}, hiệu lực đến {validUntil}',
  'staffConsole.case.photos': 'Ảnh nhà xưởng ({count})',
  'staffConsole.case.viewFile': 'Xem tệp',
  'staffConsole.case.checks': 'Đối chiếu từng mục',
  'staffConsole.case.method': 'Phương thức',
  'staffConsole.case.note': 'Ghi chú (nội bộ)',
  'staffConsole.case.reasons': 'Lý do gửi nhà cung cấp (khi yêu cầu bổ sung hoặc từ chối)',
  'staffConsole.case.approve': 'Phê duyệt',
  'staffConsole.case.changes': 'Yêu cầu bổ sung',
  'staffConsole.case.reject': 'Từ chối',
  'staffConsole.case.closed': 'Hồ sơ đã xử lý: {state}.',
  'staffConsole.case.state.open': 'đang chờ',
  'staffConsole.case.state.approved': 'đã phê duyệt',
  'staffConsole.case.state.changes': 'yêu cầu bổ sung',
  'staffConsole.case.state.rejected': 'từ chối',
  'staffConsole.case.publicPage': 'Trang công khai',

  'staffConsole.mail.reminderSubject': 'Xác minh của {organization} sắp hết hạn',
  'staffConsole.mail.reminderBody':
    'Xác minh của chương trình cho {organization} hết hạn ngày {date}. Hãy gửi yêu cầu xác minh lại để giữ huy hiệu.',
  'staffConsole.mail.expiredSubject': 'Xác minh của {organization} đã hết hạn',
  'staffConsole.mail.expiredBody':
    'Xác minh của chương trình cho {organization} đã hết hạn ngày {date}. Hãy gửi yêu cầu xác minh lại.',

  'staffConsole.nav.verification': 'Xác minh nhà cung cấp',
  'staffConsole.nav.dashboard': 'Chỉ số chương trình',
} as const

export const enStaffConsole: Record<keyof typeof viStaffConsole, string> = {
  'staffConsole.verify.notSupplier': 'Only suppliers can be verified.',
  'staffConsole.verify.alreadyPending':
    'Your verification request is waiting for the programme staff.',
  'staffConsole.verify.alreadyVerified': 'This firm is already verified by the programme.',
  'staffConsole.verify.checklistIncomplete':
    'Not complete yet: finish every item of the checklist before you ask.',
  'staffConsole.verify.caseClosed': 'This case is no longer waiting.',
  'staffConsole.verify.claimedByOther': 'Another staff member is working on this case.',
  'staffConsole.verify.notYourCase': 'Claim this case before you work on it.',
  'staffConsole.verify.methodRequired': 'Choose how you verified.',
  'staffConsole.verify.uncheckedItems': 'Check and tick every item before you approve.',
  'staffConsole.verify.reasonsRequired': 'Choose at least one reason for the supplier.',
  'staffConsole.verify.invalid': 'Invalid request.',
  'staffConsole.verify.claimed': 'You hold this case now.',
  'staffConsole.verify.released': 'The case is back in the queue.',
  'staffConsole.verify.decided': 'Decision recorded.',
  'staffConsole.verify.requested': 'Verification requested. The programme staff will contact you.',
  'staffConsole.verify.uploaded': 'Business registration certificate uploaded.',

  'staffConsole.checklist.taxCode': 'A valid tax code (MST)',
  'staffConsole.checklist.registration': 'Business registration certificate (upload below)',
  'staffConsole.checklist.certificate': 'At least one certificate with its evidence',
  'staffConsole.checklist.photos': 'Factory photos',
  'staffConsole.checklist.done': 'Done',
  'staffConsole.checklist.missing': 'Missing',

  'staffConsole.supplier.title': 'Verification by the programme',
  'staffConsole.supplier.intro':
    'The “Verified by the programme” badge helps buyers trust your profile. Programme staff check your tax code, business registration, certificates and factory photos.',
  'staffConsole.supplier.stateUnverified': 'Not verified.',
  'staffConsole.supplier.statePending': 'Waiting for verification.',
  'staffConsole.supplier.stateRejected': 'Your verification request was rejected.',
  'staffConsole.supplier.stateChanges': 'The programme staff asked for changes.',
  'staffConsole.supplier.reasonsTitle': 'Reasons',
  'staffConsole.supplier.request': 'Request verification',
  'staffConsole.supplier.uploadRegistration':
    'Upload the business registration certificate (PDF or image)',
  'staffConsole.supplier.upload': 'Upload',
  'staffConsole.supplier.expires': 'Valid until {date}.',

  'staffConsole.badge': 'Verified by the programme on {date}, {method}',
  'staffConsole.method.documents': 'by documents',
  'staffConsole.method.call': 'by phone call',
  'staffConsole.method.site-visit': 'by site visit',
  'staffConsole.methodLabel.documents': 'Documents',
  'staffConsole.methodLabel.call': 'Phone call',
  'staffConsole.methodLabel.site-visit': 'Site visit',

  'staffConsole.reason.tax-code-mismatch': 'The tax code does not match the business registration.',
  'staffConsole.reason.registration-missing':
    'The business registration certificate is missing or unreadable.',
  'staffConsole.reason.registration-mismatch':
    'The name or address on the registration does not match the profile.',
  'staffConsole.reason.certificate-evidence':
    "A certificate's number, issuer or scope does not match its evidence.",
  'staffConsole.reason.certificate-expired': 'A certificate has expired.',
  'staffConsole.reason.photos-insufficient': 'The factory photos are unclear or too few.',
  'staffConsole.reason.other': "Another reason (see the staff member's note).",

  'staffConsole.queueReason.request': 'New request',
  'staffConsole.queueReason.identity-changed': 'Tax code/legal name changed',
  'staffConsole.queueReason.reverify': 'Re-verification',

  'staffConsole.queue.title': 'Verification queue',
  'staffConsole.queue.empty': 'No case is waiting.',
  'staffConsole.queue.filter': 'Filter',
  'staffConsole.queue.search': 'Firm name',
  'staffConsole.queue.province': 'Province',
  'staffConsole.queue.reason': 'Kind',
  'staffConsole.queue.claim': 'Held by',
  'staffConsole.queue.any': 'All',
  'staffConsole.queue.unclaimed': 'Unclaimed',
  'staffConsole.queue.mine': 'Mine',
  'staffConsole.queue.requestedAt': 'Requested',
  'staffConsole.queue.organization': 'Firm',
  'staffConsole.queue.open': 'Open case',

  'staffConsole.case.title': 'Verification case: {name}',
  'staffConsole.case.claim': 'Claim case',
  'staffConsole.case.release': 'Back to the queue',
  'staffConsole.case.claimedBy': 'Held by {name}.',
  'staffConsole.case.profile': 'Supplier profile',
  'staffConsole.case.evidence': 'Evidence',
  'staffConsole.case.taxCode': 'Tax code: {taxCode}',
  'staffConsole.case.registration': 'Business registration certificate',
  'staffConsole.case.certificate':
    'Certificate {standard}, no. {number}, issued by {issuer}, valid until {validUntil}',
  'staffConsole.case.photos': 'Factory photos ({count})',
  'staffConsole.case.viewFile': 'View file',
  'staffConsole.case.checks': 'Check each item',
  'staffConsole.case.method': 'Method',
  'staffConsole.case.note': 'Note (internal)',
  'staffConsole.case.reasons': 'Reasons shown to the supplier (for changes or rejection)',
  'staffConsole.case.approve': 'Approve',
  'staffConsole.case.changes': 'Ask for changes',
  'staffConsole.case.reject': 'Reject',
  'staffConsole.case.closed': 'Case decided: {state}.',
  'staffConsole.case.state.open': 'waiting',
  'staffConsole.case.state.approved': 'approved',
  'staffConsole.case.state.changes': 'changes asked',
  'staffConsole.case.state.rejected': 'rejected',
  'staffConsole.case.publicPage': 'Public page',

  'staffConsole.mail.reminderSubject': 'The verification of {organization} expires soon',
  'staffConsole.mail.reminderBody':
    "The programme's verification of {organization} expires on {date}. Ask for re-verification to keep the badge.",
  'staffConsole.mail.expiredSubject': 'The verification of {organization} has expired',
  'staffConsole.mail.expiredBody':
    "The programme's verification of {organization} expired on {date}. Ask for re-verification.",

  'staffConsole.nav.verification': 'Supplier verification',
  'staffConsole.nav.dashboard': 'Programme KPIs',
}
