/**
 * The official PRC calendar (State Council holiday notices) as shipped by the `chinese-days`
 * package. We read its data file, not its functions: those build dates in the process's
 * local time zone, and `findWorkday` defaults to the current time.
 */
import data from 'chinese-days/dist/chinese-days.json';

interface OfficialData {
  /** Non-working days of the notices (weekend days inside a holiday included), value "English,中文,n". */
  holidays: Record<string, string>;
  /** Adjusted working days (调休上班), always a Saturday or Sunday. */
  workdays: Record<string, string>;
}

const official: OfficialData = data;

/**
 * A year counts as covered when the data holds its Spring Festival holiday: every yearly notice
 * has one and it always falls inside that year, whereas a New Year holiday or adjusted working
 * day can spill into the neighbouring year and must not make that year look published.
 */
function coveredYearsOf(d: OfficialData): ReadonlySet<number> {
  const years = new Set<number>();
  for (const [date, label] of Object.entries(d.holidays)) {
    if (/春节|Spring Festival/.test(label)) years.add(Number(date.slice(0, 4)));
  }
  return years;
}

const covered = coveredYearsOf(official);
const sortedYears = [...covered].sort((a, b) => a - b);

export const officialCalendar = {
  /** First and last covered year (undefined if the data is empty). */
  firstYear: sortedYears[0],
  lastYear: sortedYears[sortedYears.length - 1],
  covers(year: number): boolean {
    return covered.has(year);
  },
  /** 'holiday', 'workday' (adjusted working day), or undefined for an ordinary day. */
  dayKind(date: string): 'holiday' | 'workday' | undefined {
    if (official.workdays[date] !== undefined) return 'workday';
    if (official.holidays[date] !== undefined) return 'holiday';
    return undefined;
  },
  /** The Chinese name of the holiday a listed day belongs to (春节), or undefined. */
  dayName(date: string): string | undefined {
    const label = official.workdays[date] ?? official.holidays[date];
    return label?.split(',')[1];
  },
};
