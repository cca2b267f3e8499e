// Times in the reader's locale and time zone; numbers with a few significant digits.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const significant = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 });
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatTime(iso) {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function formatNumber(value) {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)) return value.toExponential(2);
  return significant.format(value);
}

export function formatInteger(value) {
  return value === null || value === undefined ? '—' : integer.format(value);
}

export function formatSeconds(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${significant.format(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatBytes(bytes) {
  if (bytes === null || bytes === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes, unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${significant.format(value)} ${units[unit]}`;
}

/** Seconds between two ISO times, or until now while the second is missing. */
export function elapsedSeconds(startIso, endIso) {
  if (!startIso) return null;
  return ((endIso ? new Date(endIso) : new Date()) - new Date(startIso)) / 1000;
}

export const isActive = status => status === 'queued' || status === 'running';
