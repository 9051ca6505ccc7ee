import type { NotificationReason } from '../domain/task/events.js';
import type { Language } from '../domain/users.js';

/** What a message about a task says, whatever its language; the activity gathers it from the log and the read models. */
export interface MessageContext {
  readonly reason: NotificationReason;
  /** The person written to, as they are called in the app (full name, else username). */
  readonly recipientName: string;
  readonly survey: { readonly vi: string; readonly en: string };
  readonly period: string;
  /** The unit's name in the frame, else its id. */
  readonly unit: string;
  readonly dueAt: string;
  /** The task's page in the app. */
  readonly taskUrl: string;
  /** A rejection's reviewer comment and level. */
  readonly rejection?: { readonly comment: string; readonly level: string };
  /** A receipt: when the submission was received, and its receipt when one can be made. */
  readonly receipt?: { readonly at: string; readonly id: string | null; readonly url: string | null };
}

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Times are shown as people in Viet Nam read them, whatever the server's zone. */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

const formats = new Map<string, Intl.DateTimeFormat>();
function when(iso: string, language: Language, style: 'full' | 'medium'): string {
  const key = `${language}:${style}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: style, timeStyle: 'short', timeZone: TIME_ZONE })));
  return `${format.format(new Date(iso))} (${language === 'vi' ? 'giờ Việt Nam' : 'Viet Nam time'})`;
}

const LEVELS: Record<Language, Record<string, string>> = {
  vi: { commune: 'cấp xã', province: 'cấp tỉnh', country: 'cấp trung ương' },
  en: { commune: 'commune level', province: 'province level', country: 'national level' },
};
const levelName = (level: string, language: Language) => LEVELS[language][level] ?? level;

/** A paragraph: text, or a link (`href`) shown as its own address so that plain text and HTML say the same. */
type Part = string | { readonly href: string } | { readonly quote: string };

interface Draft {
  readonly subject: string;
  readonly paragraphs: readonly Part[][];
}

function draft(c: MessageContext, language: Language): Draft {
  const survey = c.survey[language];
  const subjectOf = `${survey} ${c.period} – ${c.unit}`;
  const vi = language === 'vi';
  const greeting = [vi ? `Kính gửi ${c.recipientName},` : `Dear ${c.recipientName},`];
  const due = when(c.dueAt, language, 'full');
  const open: Part[] = [vi ? 'Mở nhiệm vụ: ' : 'Open the task: ', { href: c.taskUrl }];
  const footer = [vi ? 'Thư này được gửi tự động; xin đừng trả lời thư.' : 'This message was sent automatically; please do not reply to it.'];
  switch (c.reason) {
    case 'invitation':
      return {
        subject: vi ? `Nhiệm vụ mới: ${subjectOf}` : `New task: ${subjectOf}`,
        paragraphs: [
          greeting,
          [vi ? `Bạn được giao nhiệm vụ thu thập của cuộc ${survey}, kỳ ${c.period}, cho đơn vị ${c.unit}.` : `You have been given a task of the ${survey}, period ${c.period}, for ${c.unit}.`],
          [vi ? `Hạn nộp: ${due}.` : `Due: ${due}.`],
          open,
          footer,
        ],
      };
    case 'reminder':
      return {
        subject: vi ? `Nhắc hạn nộp: ${subjectOf}` : `Reminder: ${subjectOf} is due soon`,
        paragraphs: [
          greeting,
          [vi ? `Nhiệm vụ của cuộc ${survey}, kỳ ${c.period}, cho đơn vị ${c.unit} chưa được nộp và sắp đến hạn: ${due}.` : `The task of the ${survey}, period ${c.period}, for ${c.unit} has not been submitted yet and is due ${due}.`],
          open,
          footer,
        ],
      };
    case 'overdue':
      return {
        subject: vi ? `Quá hạn nộp: ${subjectOf}` : `Overdue: ${subjectOf}`,
        paragraphs: [
          greeting,
          [vi ? `Nhiệm vụ của cuộc ${survey}, kỳ ${c.period}, cho đơn vị ${c.unit} đã quá hạn nộp (${due}) mà chưa có bài nộp được chấp nhận.` : `The task of the ${survey}, period ${c.period}, for ${c.unit} was due ${due} and has no accepted submission.`],
          [vi ? 'Xin nộp sớm nhất có thể; giám sát viên đã được báo.' : 'Please submit as soon as you can; your supervisor has been told.'],
          open,
          footer,
        ],
      };
    case 'rejection': {
      const { comment = '', level = '' } = c.rejection ?? {};
      return {
        subject: vi ? `Cần sửa lại: ${subjectOf}` : `Returned for correction: ${subjectOf}`,
        paragraphs: [
          greeting,
          [vi ? `Bài nộp của cuộc ${survey}, kỳ ${c.period}, cho đơn vị ${c.unit} đã bị trả lại ở ${levelName(level, language)}. Ý kiến của người duyệt:` : `The submission of the ${survey}, period ${c.period}, for ${c.unit} was returned at the ${levelName(level, language)}. The reviewer wrote:`],
          [{ quote: comment }],
          [vi ? `Xin sửa và nộp lại trước hạn: ${due}.` : `Please correct it and submit again by ${due}.`],
          open,
          footer,
        ],
      };
    }
    case 'receipt': {
      const { at = '', id = null, url = null } = c.receipt ?? {};
      const received = when(at, language, 'medium');
      return {
        subject: vi ? `Đã nhận bài nộp: ${subjectOf}` : `Submission received: ${subjectOf}`,
        paragraphs: [
          greeting,
          [vi ? `Bài nộp của cuộc ${survey}, kỳ ${c.period}, cho đơn vị ${c.unit} đã được nhận lúc ${received} và đã qua các phép kiểm tra; bài đang chờ duyệt.` : `Your submission of the ${survey}, period ${c.period}, for ${c.unit} was received at ${received} and passed its checks; it is now waiting for review.`],
          ...(id && url
            ? [
                [vi ? `Mã biên nhận: ${id}` : `Receipt: ${id}`],
                [vi ? 'Bất kỳ ai giữ mã này đều có thể kiểm tra bài nộp đã được ghi nhận, không cần đăng nhập: ' : 'Anyone holding it can check that the submission is on record, without logging in: ', { href: url }],
              ]
            : []),
          open,
          footer,
        ],
      };
    }
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const textOf = (part: Part) => (typeof part === 'string' ? part : 'href' in part ? part.href : part.quote.split('\n').map((line) => `> ${line}`).join('\n'));
const htmlOf = (part: Part) =>
  typeof part === 'string'
    ? escapeHtml(part)
    : 'href' in part
      ? `<a href="${escapeHtml(part.href)}">${escapeHtml(part.href)}</a>`
      : `<blockquote style="margin:0;padding-left:12px;border-left:3px solid #ccc">${escapeHtml(part.quote).replace(/\n/g, '<br>')}</blockquote>`;

/** The message about a task for one person, in their language: a subject, plain text and simple HTML saying the same. */
export function renderMessage(context: MessageContext, language: Language): RenderedMessage {
  const { subject, paragraphs } = draft(context, language);
  const text = `${paragraphs.map((parts) => parts.map(textOf).join('')).join('\n\n')}\n`;
  const body = paragraphs.map((parts) => (parts.length === 1 && typeof parts[0] === 'object' && 'quote' in parts[0] ? htmlOf(parts[0]) : `<p>${parts.map(htmlOf).join('')}</p>`)).join('\n');
  const html = `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body style="font-family:sans-serif;line-height:1.5">\n${body}\n</body></html>\n`;
  // A subject is one line, whatever a unit's name or a comment holds.
  return { subject: subject.replace(/[\r\n]+/g, ' '), text, html };
}
