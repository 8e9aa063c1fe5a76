/**
 * When volunteers said they are usually free ("mornings,weekends", "evenings", "any"),
 * read against the moment a wave asks. Pure: the moment is given, in epoch ms, and
 * read as UK local time (Europe/London), where valued's members are.
 */

const PARTS = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', hour: 'numeric', hourCycle: 'h23' });

/** The day of the week and the hour in the UK at `now`. */
export function ukTime(now: number): { weekend: boolean; hour: number } {
  const parts = PARTS.formatToParts(new Date(now));
  const day = parts.find((p) => p.type === 'weekday')?.value ?? 'Mon';
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? '12');
  return { weekend: day === 'Sat' || day === 'Sun', hour };
}

/**
 * Whether someone who is usually free at `availability` is likely free at `now`.
 * Unknown (not said) counts as free: only people who said when they are free, and it
 * is not now, go behind the others. Days and times of day are read together: "weekday
 * mornings" is free on a Tuesday at ten, not on a Tuesday evening.
 */
export function freeAt(availability: string | null, now: number): boolean {
  if (!availability || availability.includes('any')) return true;
  const said = new Set(availability.split(/[\s,]+/).filter(Boolean));
  const { weekend, hour } = ukTime(now);
  const days = ['weekdays', 'weekends'].filter((d) => said.has(d));
  const times = ['mornings', 'afternoons', 'evenings'].filter((d) => said.has(d));
  const dayFits = days.length === 0 || said.has(weekend ? 'weekends' : 'weekdays');
  const slot = hour >= 6 && hour < 12 ? 'mornings' : hour >= 12 && hour < 17 ? 'afternoons' : hour >= 17 && hour < 22 ? 'evenings' : 'night';
  const timeFits = times.length === 0 || said.has(slot);
  return dayFits && timeFits;
}
