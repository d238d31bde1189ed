/** Durations in seconds and frequencies in deployments per day, as the profiles use them. */
export const HOUR = 3600;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
/** A month is taken as 30 days and six months as 180 days (as Apache DevLake does). */
export const MONTH = 30 * DAY;
export const SIX_MONTHS = 180 * DAY;

/** Deployments per day for "once per <period>". */
export const ONCE_PER_DAY = 1;
export const ONCE_PER_WEEK = 1 / 7;
export const ONCE_PER_MONTH = 1 / 30;
export const ONCE_PER_SIX_MONTHS = 1 / 180;
