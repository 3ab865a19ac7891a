/**
 * Messages of the supplier-list import (staff console, issue 17), in both languages. Kept apart
 * from the staff-console catalogue so the two features merge without touching the same lines.
 */
export const viStaffImport = {
  'staffImport.nav': 'Nhập danh sách nhà cung cấp',
  'staffImport.title': 'Nhập danh sách nhà cung cấp',
  'staffImport.intro':
    'Tải lên danh sách nhà cung cấp (CSV hoặc XLSX) của sở ngành hoặc sự kiện. Hệ thống kiểm tra từng dòng trước, chỉ nhập khi bạn xác nhận, và không bao giờ tạo trùng một mã số thuế.',
  'staffImport.upload.label': 'Tệp danh sách (CSV hoặc XLSX)',
  'staffImport.upload.hint':
    'Tối đa 10 MB, 20.000 dòng và 60 cột. CSV: UTF-8, UTF-16 hoặc Windows-1258, phân cách bằng dấu phẩy, chấm phẩy hoặc tab. XLSX: chỉ giá trị, không có công thức.',
  'staffImport.upload.submit': 'Tải lên',
  'staffImport.recent': 'Các lần nhập gần đây',
  'staffImport.none': 'Chưa có lần nhập nào.',
  'staffImport.col.file': 'Tệp',
  'staffImport.col.state': 'Trạng thái',
  'staffImport.col.rows': 'Số dòng',
  'staffImport.col.by': 'Người nhập',
  'staffImport.col.at': 'Thời gian',
  'staffImport.col.line': 'Dòng',
  'staffImport.col.name': 'Tên doanh nghiệp',
  'staffImport.col.taxCode': 'MST',
  'staffImport.col.status': 'Kết quả',
  'staffImport.col.details': 'Chi tiết',

  'staffImport.file.tooLarge': 'Tệp quá lớn: tối đa 10 MB.',
  'staffImport.file.empty': 'Tệp không có dòng tiêu đề và dữ liệu.',
  'staffImport.file.unsupportedType': 'Chỉ nhận tệp .csv hoặc .xlsx.',
  'staffImport.file.notXlsx': 'Tệp không phải là bảng tính XLSX hợp lệ.',
  'staffImport.file.corruptXlsx': 'Không đọc được bảng tính XLSX: tệp bị hỏng.',
  'staffImport.file.xlsxBomb':
    'Bảng tính giải nén ra quá lớn (trên 80 MB) hoặc có quá nhiều phần: tệp bị từ chối.',
  'staffImport.file.notText':
    'Tệp không phải là văn bản CSV (có thể là tệp nhị phân đổi đuôi thành .csv).',
  'staffImport.file.badCsv': 'Không đọc được CSV: dấu ngoặc kép không khớp hoặc định dạng sai.',
  'staffImport.file.tooManyColumns': 'Tệp có quá nhiều cột: tối đa 60 cột.',
  'staffImport.file.tooManyRows': 'Tệp có quá nhiều dòng: tối đa 20.000 dòng mỗi lần nhập.',
  'staffImport.file.duplicateHeaders': 'Hai cột có cùng tiêu đề: hãy đặt tên khác nhau.',
  'staffImport.file.formulas':
    'Bảng tính có công thức (ô {cell}). Hãy dán dưới dạng giá trị rồi tải lên lại.',
  'staffImport.file.missing': 'Hãy chọn một tệp.',
  'staffImport.refused': 'Không nhập gì cả.',

  'staffImport.field.name': 'Tên doanh nghiệp',
  'staffImport.field.taxCode': 'Mã số thuế (MST)',
  'staffImport.field.province': 'Tỉnh/thành phố',
  'staffImport.field.sectors': 'Ngành',
  'staffImport.field.processes': 'Công nghệ gia công',
  'staffImport.field.email': 'E-mail',
  'staffImport.field.website': 'Website',
  'staffImport.field.address': 'Địa chỉ',

  'staffImport.mapping.title': 'Ghép cột',
  'staffImport.mapping.hint':
    'Chọn cột của tệp cho từng thông tin. Cách ghép được ghi nhớ cho các tệp có cùng dòng tiêu đề.',
  'staffImport.mapping.column': 'Cột trong tệp',
  'staffImport.mapping.notImported': '— không nhập —',
  'staffImport.mapping.submit': 'Kiểm tra thử',
  'staffImport.mapping.required': 'Hãy ghép cột cho tên doanh nghiệp và mã số thuế.',
  'staffImport.mapping.twice': 'Một cột chỉ được ghép cho một thông tin.',
  'staffImport.state': 'Lần nhập này không ở bước cho phép thao tác đó.',
  'staffImport.nothingToImport': 'Không có dòng nào để nhập.',
  'staffImport.invalid': 'Yêu cầu không hợp lệ.',

  'staffImport.state.mapping': 'Chờ ghép cột',
  'staffImport.state.validating': 'Đang kiểm tra thử',
  'staffImport.state.validated': 'Đã kiểm tra thử',
  'staffImport.state.importing': 'Đang nhập',
  'staffImport.state.done': 'Hoàn tất',
  'staffImport.state.failed': 'Lỗi',

  'staffImport.progress.label': 'Đã xử lý {done} / {total} dòng',
  'staffImport.progress.refresh': 'Cập nhật',
  'staffImport.progress.hint':
    'Việc nhập chạy trên máy chủ: bạn có thể tải lại hoặc đóng trang, tiến độ vẫn được giữ.',

  'staffImport.dryRun.title': 'Kết quả kiểm tra thử',
  'staffImport.dryRun.create': 'Sẽ tạo mới',
  'staffImport.dryRun.update': 'Sẽ cập nhật',
  'staffImport.dryRun.skip': 'Sẽ bỏ qua',
  'staffImport.dryRun.invalid': 'Dòng lỗi',
  'staffImport.dryRun.sendInvitations':
    'Gửi e-mail mời doanh nghiệp nhận hồ sơ (với các dòng có e-mail)',
  'staffImport.dryRun.confirm': 'Nhập {count} dòng',
  'staffImport.dryRun.errors': 'Các dòng lỗi (không được nhập)',
  'staffImport.dryRun.remap': 'Ghép cột lại',
  'staffImport.started': 'Đã bắt đầu nhập.',

  'staffImport.report.title': 'Báo cáo nhập',
  'staffImport.report.created': 'Đã tạo',
  'staffImport.report.updated': 'Đã cập nhật',
  'staffImport.report.skipped': 'Bỏ qua',
  'staffImport.report.invalid': 'Dòng lỗi',
  'staffImport.report.invited': 'Đã gửi lời mời',
  'staffImport.report.download': 'Tải báo cáo (XLSX)',
  'staffImport.report.rows': 'Các dòng không được tạo mới',
  'staffImport.report.more': 'Còn {count} dòng khác trong báo cáo XLSX.',

  'staffImport.invitations.title': 'Thư mời nhận hồ sơ',
  'staffImport.invitations.queued': 'Đang chờ gửi',
  'staffImport.invitations.sent': 'Đã gửi',
  'staffImport.invitations.failed': 'Gửi không được',
  'staffImport.invitations.dropped': 'Không gửi (hồ sơ đã được nhận)',
  'staffImport.invitations.failures': 'Các thư gửi không được (đã thử 6 lần)',
  'staffImport.invitations.error': 'Lỗi',
  'staffImport.invitations.resend': 'Gửi lại {count} thư không gửi được',
  'staffImport.invitations.resendRequested':
    'Đã yêu cầu gửi lại; các thư sẽ được gửi trong ít phút.',
  'staffImport.invitations.none': 'Không có thư nào cần gửi lại.',

  'staffImport.status.create': 'Tạo mới',
  'staffImport.status.update': 'Cập nhật',
  'staffImport.status.skip': 'Bỏ qua',
  'staffImport.status.invalid': 'Lỗi',
  'staffImport.status.created': 'Đã tạo',
  'staffImport.status.updated': 'Đã cập nhật',
  'staffImport.status.skipped': 'Bỏ qua',

  'staffImport.row.nameMissing': 'Thiếu tên doanh nghiệp',
  'staffImport.row.nameFormula': 'Tên bắt đầu bằng = + - @ (giống công thức): {value}',
  'staffImport.row.taxCodeInvalid': 'Mã số thuế không hợp lệ: {value}',
  'staffImport.row.provinceUnknown': 'Không nhận ra tỉnh/thành phố: {value}',
  'staffImport.row.sectorUnknown': 'Không nhận ra ngành: {value}',
  'staffImport.row.processUnknown': 'Không nhận ra công nghệ gia công: {value}',
  'staffImport.row.emailInvalid': 'E-mail không hợp lệ: {value}',
  'staffImport.row.websiteInvalid': 'Website không hợp lệ: {value}',
  'staffImport.row.duplicateInFile': 'Trùng mã số thuế với một dòng phía trên: {value}',
  'staffImport.skip.registeredByFirm': 'Doanh nghiệp đã tự đăng ký hoặc đã nhận hồ sơ',
  'staffImport.skip.unchanged': 'Đã có, không thay đổi',
  'staffImport.skip.notSupplier': 'Mã số thuế thuộc một tổ chức không phải nhà cung cấp',

  'staffImport.mail.subject': 'Mời nhận hồ sơ doanh nghiệp trên VSI Connect',
  'staffImport.mail.body':
    'Chương trình phát triển công nghiệp hỗ trợ đã tạo hồ sơ cho {organization} (MST {taxCode}) trên VSI Connect từ danh sách nhà cung cấp. Để nhận và quản lý hồ sơ, hãy mở liên kết sau và xác nhận mã số thuế: {link}\nLiên kết dùng được một lần, trong 60 ngày. Nếu bạn không đại diện cho doanh nghiệp này, hãy bỏ qua thư.',

  'staffImport.claim.title': 'Nhận hồ sơ doanh nghiệp',
  'staffImport.claim.lead':
    'Hồ sơ {organization} được chương trình tạo từ danh sách nhà cung cấp. Xác nhận mã số thuế và tạo tài khoản ({email}) để trở thành chủ sở hữu hồ sơ.',
  'staffImport.claim.taxCode': 'Mã số thuế của doanh nghiệp',
  'staffImport.claim.submit': 'Nhận hồ sơ',
  'staffImport.claim.wrongTaxCode':
    'Mã số thuế không khớp. Sau 5 lần sai, liên kết sẽ bị vô hiệu hóa.',
  'staffImport.claim.emailTaken':
    'Địa chỉ e-mail này đã có tài khoản. Hãy liên hệ chương trình để được hỗ trợ.',
} as const

export const enStaffImport: Record<keyof typeof viStaffImport, string> = {
  'staffImport.nav': 'Import supplier lists',
  'staffImport.title': 'Import supplier lists',
  'staffImport.intro':
    'Upload a supplier list (CSV or XLSX) from a provincial department or an event. Every row is checked first, nothing is imported until you confirm, and a tax code is never created twice.',
  'staffImport.upload.label': 'List file (CSV or XLSX)',
  'staffImport.upload.hint':
    'At most 10 MB, 20,000 rows and 60 columns. CSV: UTF-8, UTF-16 or Windows-1258, separated by commas, semicolons or tabs. XLSX: values only, no formulas.',
  'staffImport.upload.submit': 'Upload',
  'staffImport.recent': 'Recent imports',
  'staffImport.none': 'No imports yet.',
  'staffImport.col.file': 'File',
  'staffImport.col.state': 'State',
  'staffImport.col.rows': 'Rows',
  'staffImport.col.by': 'By',
  'staffImport.col.at': 'When',
  'staffImport.col.line': 'Line',
  'staffImport.col.name': 'Company name',
  'staffImport.col.taxCode': 'Tax code',
  'staffImport.col.status': 'Outcome',
  'staffImport.col.details': 'Details',

  'staffImport.file.tooLarge': 'The file is too large: 10 MB at most.',
  'staffImport.file.empty': 'The file has no header row and data.',
  'staffImport.file.unsupportedType': 'Only .csv or .xlsx files are accepted.',
  'staffImport.file.notXlsx': 'The file is not a valid XLSX workbook.',
  'staffImport.file.corruptXlsx': 'The XLSX workbook cannot be read: the file is damaged.',
  'staffImport.file.xlsxBomb':
    'The workbook expands to too much data (over 80 MB) or has too many parts: the file is refused.',
  'staffImport.file.notText': 'The file is not CSV text (perhaps a binary file renamed to .csv).',
  'staffImport.file.badCsv': 'The CSV cannot be read: unmatched quotes or a broken format.',
  'staffImport.file.tooManyColumns': 'The file has too many columns: 60 at most.',
  'staffImport.file.tooManyRows': 'The file has too many rows: 20,000 per import at most.',
  'staffImport.file.duplicateHeaders': 'Two columns have the same header: name them differently.',
  'staffImport.file.formulas':
    'The workbook contains formulas (cell {cell}). Paste them as values and upload again.',
  'staffImport.file.missing': 'Choose a file.',
  'staffImport.refused': 'Nothing was imported.',

  'staffImport.field.name': 'Company name',
  'staffImport.field.taxCode': 'Tax code (MST)',
  'staffImport.field.province': 'Province',
  'staffImport.field.sectors': 'Sectors',
  'staffImport.field.processes': 'Processes',
  'staffImport.field.email': 'E-mail',
  'staffImport.field.website': 'Website',
  'staffImport.field.address': 'Address',

  'staffImport.mapping.title': 'Column mapping',
  'staffImport.mapping.hint':
    'Choose the file column for each piece of information. The mapping is remembered for files with the same header row.',
  'staffImport.mapping.column': 'Column in the file',
  'staffImport.mapping.notImported': '— not imported —',
  'staffImport.mapping.submit': 'Dry run',
  'staffImport.mapping.required': 'Map a column to the company name and to the tax code.',
  'staffImport.mapping.twice': 'A column can be mapped to one piece of information only.',
  'staffImport.state': 'This import is not at a step that allows that.',
  'staffImport.nothingToImport': 'There are no rows to import.',
  'staffImport.invalid': 'Invalid request.',

  'staffImport.state.mapping': 'Waiting for the mapping',
  'staffImport.state.validating': 'Dry run in progress',
  'staffImport.state.validated': 'Dry run done',
  'staffImport.state.importing': 'Importing',
  'staffImport.state.done': 'Done',
  'staffImport.state.failed': 'Failed',

  'staffImport.progress.label': '{done} of {total} rows processed',
  'staffImport.progress.refresh': 'Refresh',
  'staffImport.progress.hint':
    'The import runs on the server: you can reload or close this page, the progress is kept.',

  'staffImport.dryRun.title': 'Dry run result',
  'staffImport.dryRun.create': 'To create',
  'staffImport.dryRun.update': 'To update',
  'staffImport.dryRun.skip': 'To skip',
  'staffImport.dryRun.invalid': 'Rows with errors',
  'staffImport.dryRun.sendInvitations':
    'E-mail the firms an invitation to claim their profile (rows with an e-mail)',
  'staffImport.dryRun.confirm': 'Import {count} rows',
  'staffImport.dryRun.errors': 'Rows with errors (not imported)',
  'staffImport.dryRun.remap': 'Map the columns again',
  'staffImport.started': 'The import has started.',

  'staffImport.report.title': 'Import report',
  'staffImport.report.created': 'Created',
  'staffImport.report.updated': 'Updated',
  'staffImport.report.skipped': 'Skipped',
  'staffImport.report.invalid': 'Rows with errors',
  'staffImport.report.invited': 'Invitations sent',
  'staffImport.report.download': 'Download the report (XLSX)',
  'staffImport.report.rows': 'Rows not created',
  'staffImport.report.more': '{count} more rows are in the XLSX report.',

  'staffImport.invitations.title': 'Claim invitations',
  'staffImport.invitations.queued': 'Waiting to be sent',
  'staffImport.invitations.sent': 'Sent',
  'staffImport.invitations.failed': 'Failed',
  'staffImport.invitations.dropped': 'Not sent (profile claimed)',
  'staffImport.invitations.failures': 'Invitations that could not be sent (6 attempts)',
  'staffImport.invitations.error': 'Error',
  'staffImport.invitations.resend': 'Send the {count} failed invitations again',
  'staffImport.invitations.resendRequested':
    'Sending again was requested; the invitations go out within a few minutes.',
  'staffImport.invitations.none': 'There are no invitations to send again.',

  'staffImport.status.create': 'Create',
  'staffImport.status.update': 'Update',
  'staffImport.status.skip': 'Skip',
  'staffImport.status.invalid': 'Error',
  'staffImport.status.created': 'Created',
  'staffImport.status.updated': 'Updated',
  'staffImport.status.skipped': 'Skipped',

  'staffImport.row.nameMissing': 'Company name missing',
  'staffImport.row.nameFormula': 'Name starts with = + - @ (like a formula): {value}',
  'staffImport.row.taxCodeInvalid': 'Invalid tax code: {value}',
  'staffImport.row.provinceUnknown': 'Unknown province: {value}',
  'staffImport.row.sectorUnknown': 'Unknown sector: {value}',
  'staffImport.row.processUnknown': 'Unknown process: {value}',
  'staffImport.row.emailInvalid': 'Invalid e-mail: {value}',
  'staffImport.row.websiteInvalid': 'Invalid website: {value}',
  'staffImport.row.duplicateInFile': 'Same tax code as a row above: {value}',
  'staffImport.skip.registeredByFirm': 'The firm registered itself or has claimed its profile',
  'staffImport.skip.unchanged': 'Already there, unchanged',
  'staffImport.skip.notSupplier': 'The tax code belongs to an organisation that is not a supplier',

  'staffImport.mail.subject': 'Claim your company profile on VSI Connect',
  'staffImport.mail.body':
    'The Supporting Industries Development Programme has created a profile for {organization} (tax code {taxCode}) on VSI Connect from a supplier list. To take it over and manage it, open this link and confirm the tax code: {link}\nThe link works once, for 60 days. If you do not represent this firm, ignore this e-mail.',

  'staffImport.claim.title': 'Claim your company profile',
  'staffImport.claim.lead':
    'The profile of {organization} was created by the programme from a supplier list. Confirm the tax code and create your account ({email}) to become the owner of the profile.',
  'staffImport.claim.taxCode': 'The firm’s tax code',
  'staffImport.claim.submit': 'Claim the profile',
  'staffImport.claim.wrongTaxCode':
    'The tax code does not match. After 5 wrong tries the link stops working.',
  'staffImport.claim.emailTaken':
    'This e-mail address already has an account. Contact the programme for help.',
}
