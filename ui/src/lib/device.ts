/**
 * This browser as a named device (POST /api/auth/login `device`): an id made once and kept,
 * and a name the user may change at login, so that a manager can tell the devices apart.
 */
const DEVICE_KEY = 'survey-ops.device';

export function deviceId(): string {
  const kept = localStorage.getItem(DEVICE_KEY);
  if (kept && /^[A-Za-z0-9_-]{8,128}$/.test(kept)) return kept;
  const id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  localStorage.setItem(DEVICE_KEY, id);
  return id;
}

/** A name to start from: the kind of device, as the browser tells it. */
export function suggestedDeviceName(): string {
  const agent = navigator.userAgent;
  if (/Android/i.test(agent)) return /Mobile/i.test(agent) ? 'Android phone' : 'Android tablet';
  if (/iPhone/i.test(agent)) return 'iPhone';
  if (/iPad/i.test(agent)) return 'iPad';
  if (/Windows/i.test(agent)) return 'Windows computer';
  if (/Mac OS X/i.test(agent)) return 'Mac';
  if (/Linux/i.test(agent)) return 'Linux computer';
  return 'Browser';
}
