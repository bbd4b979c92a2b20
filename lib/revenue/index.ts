export { computeRevenueSchedule, DEFAULT_LIMITS } from './engine';
export { Calendar, calendarFor, type CalendarType, type Period } from './calendar';
export { parseIsoDate, formatIsoDate, dayFromCivil, civilFromDay, isLeapYear, daysInMonth } from './dates';
export { DEFAULT_ACCOUNTS } from './balances';
export type * from './types';
