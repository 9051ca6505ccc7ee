import { describe, expect, it } from 'vitest';
import { renderMessage, type MessageContext } from '../../notify/messages.js';

const base: MessageContext = {
  reason: 'invitation',
  recipientName: 'Phạm Quốc Bảo',
  survey: { vi: 'Điều tra lao động', en: 'Labour force survey' },
  period: '2026-11',
  unit: 'Hộ Nguyễn Văn Hùng',
  dueAt: '2026-11-30T10:00:00.000Z',
  taskUrl: 'http://survey-ops.test/#/tasks/C1.HH0100101',
};

describe('messages about a task', () => {
  it('invite in Vietnamese by default wording, with the survey, period, unit, due date in Viet Nam time and the task link', () => {
    const m = renderMessage(base, 'vi');
    expect(m.subject).toBe('Nhiệm vụ mới: Điều tra lao động 2026-11 – Hộ Nguyễn Văn Hùng');
    expect(m.text).toContain('Kính gửi Phạm Quốc Bảo,');
    expect(m.text).toContain('kỳ 2026-11');
    // 10:00 UTC is 17:00 in Viet Nam.
    expect(m.text).toMatch(/Hạn nộp: .*17:00.*30 tháng 11, 2026 \(giờ Việt Nam\)/);
    expect(m.text).toContain('http://survey-ops.test/#/tasks/C1.HH0100101');
    expect(m.html).toContain('<a href="http://survey-ops.test/#/tasks/C1.HH0100101">');
    expect(m.html).toContain('<html lang="vi">');
  });

  it('invite in English', () => {
    const m = renderMessage(base, 'en');
    expect(m.subject).toBe('New task: Labour force survey 2026-11 – Hộ Nguyễn Văn Hùng');
    expect(m.text).toContain('Dear Phạm Quốc Bảo,');
    expect(m.text).toContain('Due: Monday, 30 November 2026 at 17:00 (Viet Nam time).');
    expect(m.html).toContain('<html lang="en">');
    expect(m.text).not.toMatch(/Kính gửi|Hạn nộp/);
  });

  it('say what each reason is about, in both languages', () => {
    const subjects = (['invitation', 'reminder', 'overdue', 'rejection', 'receipt'] as const).map((reason) => ({
      vi: renderMessage({ ...base, reason, rejection: { comment: 'Sai', level: 'commune' }, receipt: { at: base.dueAt, id: null, url: null } }, 'vi').subject,
      en: renderMessage({ ...base, reason, rejection: { comment: 'Sai', level: 'commune' }, receipt: { at: base.dueAt, id: null, url: null } }, 'en').subject,
    }));
    expect(subjects.map((s) => s.vi.split(':')[0])).toEqual(['Nhiệm vụ mới', 'Nhắc hạn nộp', 'Quá hạn nộp', 'Cần sửa lại', 'Đã nhận bài nộp']);
    expect(subjects.map((s) => s.en.split(':')[0])).toEqual(['New task', 'Reminder', 'Overdue', 'Returned for correction', 'Submission received']);
  });

  it('carry the reviewer’s comment and level in a rejection', () => {
    const context = { ...base, reason: 'rejection' as const, rejection: { comment: 'Kiểm tra lại số thành viên\nvà tuổi chủ hộ', level: 'province' } };
    const vi = renderMessage(context, 'vi');
    expect(vi.text).toContain('trả lại ở cấp tỉnh');
    expect(vi.text).toContain('> Kiểm tra lại số thành viên\n> và tuổi chủ hộ');
    expect(vi.html).toContain('Kiểm tra lại số thành viên<br>và tuổi chủ hộ</blockquote>');
    expect(renderMessage(context, 'en').text).toContain('returned at the province level');
  });

  it('name the receipt and link to its check when there is one, else only when it was received', () => {
    const at = '2026-11-20T02:30:00.000Z';
    const withId = renderMessage({ ...base, reason: 'receipt', receipt: { at, id: '42-abcdefghijklmnopqrstuv', url: 'http://survey-ops.test/#/receipts/42-abcdefghijklmnopqrstuv' } }, 'en');
    expect(withId.text).toContain('Receipt: 42-abcdefghijklmnopqrstuv');
    expect(withId.text).toContain('http://survey-ops.test/#/receipts/42-abcdefghijklmnopqrstuv');
    expect(withId.text).toContain('received at 20 Nov 2026, 09:30 (Viet Nam time)');
    const without = renderMessage({ ...base, reason: 'receipt', receipt: { at, id: null, url: null } }, 'vi');
    expect(without.text).toContain('đã được nhận lúc');
    expect(without.text).not.toContain('Mã biên nhận');
    expect(without.text).not.toContain('#/receipts/');
  });

  it('escape what people typed in the HTML, and keep the subject on one line', () => {
    const m = renderMessage(
      { ...base, reason: 'rejection', unit: 'Công ty <b>A&B</b>\r\nBcc: x@evil.test', rejection: { comment: '<script>alert("x")</script> & \'ok\'', level: 'commune' } },
      'en',
    );
    expect(m.html).not.toContain('<script>');
    expect(m.html).not.toContain('<b>');
    expect(m.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;ok&#39;');
    expect(m.html).toContain('Công ty &lt;b&gt;A&amp;B&lt;/b&gt;');
    expect(m.text).toContain('<script>alert("x")</script>');
    expect(m.subject).not.toMatch(/[\r\n]/);
  });
});
