// Business-day calendars as data. A calendar is the weekend, rules that generate
// holidays year by year (fixed dates, "nth weekday", Easter offsets) with the country's
// weekend-observance rule, and explicit lists: extra holidays, cancelled ones, and
// make-up working days on a weekend (China's 调休 补班).
//
// Sources:
// - CN: 国务院办公厅关于2024年部分节假日安排的通知 (国办发明电〔2023〕7号, 2023-10-25),
//   关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12; also the first year
//   with the extra Spring Festival eve and 1 May days from the 2024 amendment of
//   《全国年节及纪念日放假办法》), 关于2026年部分节假日安排的通知 (2025-11-04, Xinhua).
//   The 2027 notice is only issued in November 2026, so 2027 is not yet data: the CN
//   calendar reports that it covers 2024–2026 and treats later years as weekends only.
// - US: 5 U.S.C. 6103 (federal holidays, Juneteenth added 2021 by Pub. L. 117-17) and
//   OPM's observance rule (Saturday → Friday before, Sunday → Monday after).
// - GB-ENG: Banking and Financial Dealings Act 1971, Schedule 1, and the gov.uk bank
//   holiday list for England and Wales (https://www.gov.uk/bank-holidays), including the
//   one-off changes proclaimed for 2011, 2012, 2020, 2022 and 2023.

export type HolidayRule =
  | { kind: 'fixed'; name: string; month: number; day: number; fromYear?: number; toYear?: number }
  | {
      kind: 'nth-weekday';
      name: string;
      month: number;
      weekday: number;
      n: number;
      fromYear?: number;
      toYear?: number;
    }
  | { kind: 'easter'; name: string; offset: number; fromYear?: number; toYear?: number };

/** What happens when a rule-generated holiday falls on a weekend. */
export type WeekendObservance =
  | 'none' // the holiday is simply lost (China: explicit lists instead)
  | 'us-federal' // Saturday → preceding Friday, Sunday → following Monday
  | 'substitute-next-weekday'; // next weekday that is not already a holiday (UK)

export interface NamedDate {
  date: string;
  name: string;
}

export interface CalendarDefinition {
  code: string;
  name: string;
  /** 0 = Sunday … 6 = Saturday */
  weekend: readonly number[];
  rules: readonly HolidayRule[];
  observance: WeekendObservance;
  /** Holidays declared outright (China, one-off UK days). */
  extraHolidays: readonly NamedDate[];
  /** Rule-generated holidays moved or cancelled by proclamation. */
  cancelledHolidays: readonly string[];
  /** Weekend days that are working days (调休 补班). */
  workingWeekendDays: readonly NamedDate[];
  /** Years whose holidays are known. For rule-based calendars: open-ended. */
  coverage: { fromYear: number; toYear: number | null };
}

const cn = (dates: [string, string][]): NamedDate[] => dates.map(([date, name]) => ({ date, name }));

function range(from: string, to: string, name: string): [string, string][] {
  const out: [string, string][] = [];
  const [y, m, d1] = from.split('-').map(Number) as [number, number, number];
  const d2 = Number(to.split('-')[2]);
  const m2 = Number(to.split('-')[1]);
  // Ranges here never cross a year end except 元旦 where we list days separately.
  let mm = m;
  let dd = d1;
  for (;;) {
    out.push([`${y}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`, name]);
    if (mm === m2 && dd === d2) break;
    dd++;
    const dim = new Array<number>(31, y % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[mm - 1]!;
    if (dd > dim) {
      dd = 1;
      mm++;
    }
  }
  return out;
}

export const CN_CALENDAR: CalendarDefinition = {
  code: 'CN',
  name: '中国大陆 (国务院办公厅放假安排)',
  weekend: [0, 6],
  rules: [],
  observance: 'none',
  extraHolidays: cn([
    // 2024
    ['2024-01-01', '元旦'],
    ...range('2024-02-10', '2024-02-17', '春节'),
    ...range('2024-04-04', '2024-04-06', '清明节'),
    ...range('2024-05-01', '2024-05-05', '劳动节'),
    ['2024-06-10', '端午节'],
    ...range('2024-09-15', '2024-09-17', '中秋节'),
    ...range('2024-10-01', '2024-10-07', '国庆节'),
    // 2025
    ['2025-01-01', '元旦'],
    ...range('2025-01-28', '2025-02-04', '春节'),
    ...range('2025-04-04', '2025-04-06', '清明节'),
    ...range('2025-05-01', '2025-05-05', '劳动节'),
    ...range('2025-05-31', '2025-06-02', '端午节'),
    ...range('2025-10-01', '2025-10-08', '国庆节、中秋节'),
    // 2026
    ...range('2026-01-01', '2026-01-03', '元旦'),
    ...range('2026-02-15', '2026-02-23', '春节'),
    ...range('2026-04-04', '2026-04-06', '清明节'),
    ...range('2026-05-01', '2026-05-05', '劳动节'),
    ...range('2026-06-19', '2026-06-21', '端午节'),
    ...range('2026-09-25', '2026-09-27', '中秋节'),
    ...range('2026-10-01', '2026-10-07', '国庆节'),
  ]),
  cancelledHolidays: [],
  workingWeekendDays: cn([
    ['2024-02-04', '春节调休上班'],
    ['2024-02-18', '春节调休上班'],
    ['2024-04-07', '清明节调休上班'],
    ['2024-04-28', '劳动节调休上班'],
    ['2024-05-11', '劳动节调休上班'],
    ['2024-09-14', '中秋节调休上班'],
    ['2024-09-29', '国庆节调休上班'],
    ['2024-10-12', '国庆节调休上班'],
    ['2025-01-26', '春节调休上班'],
    ['2025-02-08', '春节调休上班'],
    ['2025-04-27', '劳动节调休上班'],
    ['2025-09-28', '国庆节调休上班'],
    ['2025-10-11', '国庆节调休上班'],
    ['2026-01-04', '元旦调休上班'],
    ['2026-02-14', '春节调休上班'],
    ['2026-02-28', '春节调休上班'],
    ['2026-05-09', '劳动节调休上班'],
    ['2026-09-20', '国庆节调休上班'],
    ['2026-10-10', '国庆节调休上班'],
  ]),
  coverage: { fromYear: 2024, toYear: 2026 },
};

export const US_CALENDAR: CalendarDefinition = {
  code: 'US',
  name: 'United States federal holidays (5 U.S.C. 6103)',
  weekend: [0, 6],
  rules: [
    { kind: 'fixed', name: "New Year's Day", month: 1, day: 1 },
    {
      kind: 'nth-weekday',
      name: 'Birthday of Martin Luther King, Jr.',
      month: 1,
      weekday: 1,
      n: 3,
      fromYear: 1986,
    },
    { kind: 'nth-weekday', name: "Washington's Birthday", month: 2, weekday: 1, n: 3 },
    { kind: 'nth-weekday', name: 'Memorial Day', month: 5, weekday: 1, n: -1 },
    { kind: 'fixed', name: 'Juneteenth National Independence Day', month: 6, day: 19, fromYear: 2021 },
    { kind: 'fixed', name: 'Independence Day', month: 7, day: 4 },
    { kind: 'nth-weekday', name: 'Labor Day', month: 9, weekday: 1, n: 1 },
    { kind: 'nth-weekday', name: 'Columbus Day', month: 10, weekday: 1, n: 2 },
    { kind: 'fixed', name: 'Veterans Day', month: 11, day: 11 },
    { kind: 'nth-weekday', name: 'Thanksgiving Day', month: 11, weekday: 4, n: 4 },
    { kind: 'fixed', name: 'Christmas Day', month: 12, day: 25 },
  ],
  observance: 'us-federal',
  extraHolidays: [],
  cancelledHolidays: [],
  workingWeekendDays: [],
  coverage: { fromYear: 1986, toYear: null },
};

export const GB_ENG_CALENDAR: CalendarDefinition = {
  code: 'GB-ENG',
  name: 'England and Wales bank holidays',
  weekend: [0, 6],
  rules: [
    { kind: 'fixed', name: "New Year's Day", month: 1, day: 1 },
    { kind: 'easter', name: 'Good Friday', offset: -2 },
    { kind: 'easter', name: 'Easter Monday', offset: 1 },
    { kind: 'nth-weekday', name: 'Early May bank holiday', month: 5, weekday: 1, n: 1 },
    { kind: 'nth-weekday', name: 'Spring bank holiday', month: 5, weekday: 1, n: -1 },
    { kind: 'nth-weekday', name: 'Summer bank holiday', month: 8, weekday: 1, n: -1 },
    { kind: 'fixed', name: 'Christmas Day', month: 12, day: 25 },
    { kind: 'fixed', name: 'Boxing Day', month: 12, day: 26 },
  ],
  observance: 'substitute-next-weekday',
  extraHolidays: [
    { date: '2011-04-29', name: 'Royal wedding' },
    { date: '2012-06-04', name: 'Spring bank holiday (moved)' },
    { date: '2012-06-05', name: 'Queen’s Diamond Jubilee' },
    { date: '2020-05-08', name: 'Early May bank holiday (VE day)' },
    { date: '2022-06-02', name: 'Spring bank holiday (moved)' },
    { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
    { date: '2022-09-19', name: 'State Funeral of Queen Elizabeth II' },
    { date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' },
  ],
  cancelledHolidays: ['2012-05-28', '2020-05-04', '2022-05-30'],
  workingWeekendDays: [],
  coverage: { fromYear: 1971, toYear: null },
};

export const CALENDARS = { CN: CN_CALENDAR, US: US_CALENDAR, 'GB-ENG': GB_ENG_CALENDAR } as const;
export type CalendarCode = keyof typeof CALENDARS;
