// Vietnamese is the default language; en.ts must carry exactly the same keys.
export const vi = {
  'app.title': 'Điều hành thu thập số liệu',
  'app.skipToMain': 'Bỏ qua, đến nội dung chính',
  'app.notFound': 'Không tìm thấy trang này.',
  'app.loading': 'Đang tải…',

  'lang.label': 'Ngôn ngữ',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',

  'header.user': 'Người dùng',
  'header.logout': 'Đăng xuất',

  'role.manager': 'Quản lý',
  'role.supervisor': 'Giám sát viên',
  'role.enumerator': 'Điều tra viên',
  'role.auditor': 'Thanh tra viên',

  'login.title': 'Đăng nhập',
  'login.username': 'Tên đăng nhập',
  'login.password': 'Mật khẩu',
  'login.submit': 'Đăng nhập',

  'cycles.title': 'Các kỳ thu thập',
  'cycles.caption': 'Các kỳ thu thập, trạng thái và số nhiệm vụ',
  'cycles.empty': 'Chưa có kỳ thu thập nào.',
  'cycles.loadMore': 'Tải thêm',
  'cycles.col.id': 'Mã kỳ',
  'cycles.col.survey': 'Cuộc điều tra',
  'cycles.col.period': 'Kỳ',
  'cycles.col.status': 'Trạng thái',
  'cycles.col.deadline': 'Hạn thu thập',
  'cycles.col.total': 'Tổng số',
  'cycles.col.approved': 'Đã duyệt',
  'cycles.col.overdue': 'Quá hạn',

  'cycle.title': 'Kỳ thu thập {id}',
  'cycle.back': 'Quay lại danh sách kỳ thu thập',
  'cycle.details': 'Thông tin chung',
  'cycle.survey': 'Cuộc điều tra',
  'cycle.period': 'Kỳ',
  'cycle.status': 'Trạng thái',
  'cycle.deadline': 'Hạn thu thập',
  'cycle.total': 'Tổng số nhiệm vụ',
  'cycle.overdue': 'Quá hạn',
  'cycle.progress': 'Tiến độ hoàn tất',
  'cycle.progressText': '{done} / {total} nhiệm vụ đã kết thúc ({percent})',
  'cycle.counts': 'Nhiệm vụ theo trạng thái',

  'cycleStatus.launching': 'Đang khởi tạo',
  'cycleStatus.collecting': 'Đang thu thập',
  'cycleStatus.closed': 'Đã kết thúc thu thập',
  'cycleStatus.published': 'Đã công bố',
  'cycleStatus.cancelled': 'Đã hủy',

  'taskStatus.assigned': 'Đã giao',
  'taskStatus.checks_failed': 'Không qua kiểm tra',
  'taskStatus.in_review': 'Đang duyệt',
  'taskStatus.rejected': 'Bị trả lại',
  'taskStatus.approved': 'Đã duyệt',
  'taskStatus.non_response': 'Không trả lời',
  'taskStatus.cancelled': 'Đã hủy',

  'live.on': 'Trực tiếp',
  'live.onDescription': 'Đang nhận cập nhật trực tiếp',

  'error.network': 'Không kết nối được với máy chủ. Vui lòng thử lại.',
  'error.generic': 'Đã có lỗi xảy ra (mã {status}).',
  'error.notFound': 'Không tìm thấy kỳ thu thập này.',
};

export type MessageKey = keyof typeof vi;
export type Messages = Record<MessageKey, string>;
