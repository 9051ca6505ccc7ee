// Work kept on the enumerator's device (offline copy, drafts, outbox), in Vietnamese. device.en.ts must carry exactly the same keys.
export const viDevice = {
  'nav.outbox': 'Hộp gửi đi',

  'device.draft': 'Bản nháp trên máy',
  'device.waiting': 'Chờ gửi',
  'device.sent': 'Đã gửi: {status}',
  'device.refused': 'Bị từ chối: {reason}',
  'device.late': 'Đã gửi muộn, chờ giám sát viên chấp nhận',
  'device.lateAccepted': 'Đã gửi muộn, đã được chấp nhận',
  'device.refusedUnknown': 'máy chủ không nhận câu trả lời này',
  'device.queued': 'Đã lưu câu trả lời trên thiết bị; câu trả lời sẽ tự gửi khi có mạng và không bị ghi hai lần.',
  'device.waitingNote': 'Câu trả lời của nhiệm vụ này đang chờ gửi từ thiết bị.',

  'offline.copy': 'Bạn đang ngoại tuyến: đây là bản sao trên thiết bị, lập lúc {time}.',
  'offline.noCopy': 'Bạn đang ngoại tuyến và thiết bị chưa có bản sao nhiệm vụ nào.',
  'draft.savedOnDevice': 'Đã lưu bản nháp trên thiết bị lúc {time}; bản nháp sẽ lên máy chủ khi có mạng.',

  'outbox.badge': '{count} chờ gửi',
  'outbox.title': 'Hộp gửi đi',
  'outbox.lead': 'Các câu trả lời đã nộp trên thiết bị này, theo thứ tự nộp. Câu trả lời chờ gửi sẽ tự gửi khi có mạng.',
  'outbox.empty': 'Chưa có câu trả lời nào được nộp trên thiết bị này.',
  'outbox.caption': 'Câu trả lời đã nộp trên thiết bị này',
  'outbox.col.submittedAt': 'Nộp lúc',
  'outbox.attempts': 'Đã thử {count} lần.',
  'outbox.unreachable': 'Lần thử gần nhất không tới được máy chủ.',
  'outbox.receipt': 'Biên nhận số {id}',
  'outbox.sendNow': 'Gửi ngay',
  'outbox.sending': 'Đang gửi…',
  'outbox.result.done': 'Đã gửi hết.',
  'outbox.result.unreachable': 'Chưa tới được máy chủ; thiết bị sẽ thử lại.',
  'outbox.result.later': 'Chưa tới được máy chủ; thiết bị sẽ thử lại.',
  'outbox.result.signed_out': 'Phiên đăng nhập đã hết: câu trả lời được giữ lại và sẽ gửi sau khi bạn đăng nhập lại.',
};
