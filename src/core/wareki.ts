// Calendar dates in 和暦 (Japanese era) for the report: 令和8年11月21日（2026年11月21日）.
// Pure; the wall-clock date in a time zone comes from Intl (ES2022, also in Apps Script V8).

export interface DateParts {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number; // 0..23
  minute: number;
}

// Era start dates (the first day of year 1, 元年).
const ERAS: readonly { name: string; y: number; m: number; d: number }[] = [
  { name: '令和', y: 2019, m: 5, d: 1 },
  { name: '平成', y: 1989, m: 1, d: 8 },
  { name: '昭和', y: 1926, m: 12, d: 25 },
  { name: '大正', y: 1912, m: 7, d: 30 },
  { name: '明治', y: 1868, m: 1, d: 25 },
];

const key = (y: number, m: number, d: number): number => y * 10000 + m * 100 + d;

/** 2026-11-21 → '令和8年11月21日'; 2019-04-30 → '平成31年4月30日'; 2019-05-01 → '令和元年5月1日'. */
export function warekiDate(year: number, month: number, day: number): string {
  const k = key(year, month, day);
  for (const e of ERAS) {
    if (k >= key(e.y, e.m, e.d)) {
      const n = year - e.y + 1;
      return `${e.name}${n === 1 ? '元' : n}年${month}月${day}日`;
    }
  }
  return `${year}年${month}月${day}日`;
}

/** '2026年11月21日'. */
export function westernDate(year: number, month: number, day: number): string {
  return `${year}年${month}月${day}日`;
}

/** The wall-clock date and time of `date` in `timeZone` (IANA, e.g. 'Asia/Tokyo'). */
export function zonedParts(date: Date, timeZone: string): DateParts {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
  });
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(date)) p[part.type] = part.value;
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour), minute: Number(p.minute) };
}

/** '令和8年11月21日（2026年11月21日）'. */
export function coverDate(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${warekiDate(p.year, p.month, p.day)}（${westernDate(p.year, p.month, p.day)}）`;
}

/** '2026-11-21 14:05' in `timeZone`: the timestamp in a report's file name. */
export function stamp(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/** '2026-09-30' → '令和8年9月30日' (null when not a date). */
export function warekiFromIso(iso: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(iso.trim());
  if (!m) return null;
  return warekiDate(Number(m[1]), Number(m[2]), Number(m[3]));
}
