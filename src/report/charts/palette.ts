/** Colours shared by the report's charts: one meaning, one colour, on every chart. */
export const COLORS = {
  loaded: '#2f855a',
  outOfPeriod: '#d69e2e',
  rejected: '#c53030',
  skipped: '#a0aec0',
  auto: '#2f855a',
  review: '#d69e2e',
  unmatched: '#c53030',
  notOurs: '#718096',
  bar: '#3182ce',
  barAlt: '#805ad5',
  empty: '#edf2f7',
  grid: '#e2e8f0',
  text: '#1a202c',
  muted: '#718096',
} as const;

/** Light → dark blue for the heat map's non-empty cells. */
export const HEAT_STEPS = ['#bee3f8', '#63b3ed', '#3182ce', '#2c5282'] as const;

/** Channels of terminal sales, in stacking order. */
export const CHANNEL_COLORS: Record<string, string> = { Rx: '#3182ce', OTC: '#38a169', clinic: '#dd6b20', other: '#a0aec0' };
