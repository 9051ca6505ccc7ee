// Late submissions on the supervisor's task page, in Vietnamese. late.en.ts must carry exactly the same keys.
export const viLate = {
  'late.waitingOnly': 'Chỉ nhiệm vụ có bài nộp muộn chờ quyết định',
  'late.heading': 'Bài nộp muộn',
  'late.intro': 'Điều tra viên đã nộp các câu trả lời này từ thiết bị sau khi nhiệm vụ thay đổi trong lúc họ ngoại tuyến. Chấp nhận một bài để dùng làm câu trả lời của nhiệm vụ: bài sẽ qua kiểm tra và duyệt như bài nộp đúng hạn.',
  'late.by': 'Do {by} nộp trên thiết bị lúc {submitted}, máy chủ nhận lúc {received}',
  'late.why': 'Lý do gửi muộn: {reason}',
  'late.reason.reassigned': 'nhiệm vụ đã được giao cho người khác',
  'late.reason.closed': 'kỳ điều tra đã ngừng nhận bài hoặc đã bị hủy',
  'late.reason.other': 'máy chủ từ chối ({code})',
  'late.received': 'Chờ quyết định',
  'late.accepted': 'Đã chấp nhận bởi {by} lúc {at}',
  'late.answers': 'Xem câu trả lời',
  'late.accept': 'Chấp nhận làm câu trả lời',
  'late.acceptedNotice': 'Đã chấp nhận bài nộp muộn: nhiệm vụ hiện {status}.',

  'lookBack.heading': 'Đối chiếu',
  'lookBack.intro': 'Các kiểm tra logic so câu trả lời với thông tin này, như khi điều tra viên hay người trả lời nhập phiếu.',
  'lookBack.unit': 'Thông tin của đơn vị trong dàn mẫu',
  'lookBack.noUnit': 'Dàn mẫu không có thông tin thêm về đơn vị này.',
  'lookBack.previous': 'Câu trả lời đã duyệt của kỳ trước',
  'lookBack.noPrevious': 'Kỳ trước không có câu trả lời đã duyệt của đơn vị này.',
} as const;
