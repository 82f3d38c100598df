/**
 * The clocks of a mediation on the work calendar (法释〔2021〕23号 and 《人民调解法》):
 * - the parties choose a mediator jointly within 2 working days of the application;
 * - failing that, the unit assigns one within 3 working days after the choice window;
 * - the mediator accepts or declines within 3 working days of being chosen or assigned;
 * - the dispute is normally settled within one month of the application.
 * Pure: dates in, dates out. Working days count from the day after the start, as for cases.
 */
import { addDays, workingDaysDueDate, type IsoDate, type WorkCalendar } from '../calendar/work-calendar';

export const JOINT_CHOICE_WORKING_DAYS = 2;
export const ASSIGNMENT_WORKING_DAYS = 3;
export const ACCEPTANCE_WORKING_DAYS = 3;
export const SETTLEMENT_MONTHS = 1;
/** 《人民调解法》第三十三条: the parties may jointly ask a court to confirm the agreement within 30 days. */
export const JUDICIAL_CONFIRMATION_DAYS = 30;

/** The same day `months` later; a day the month does not have becomes its last day (01-31 + 1 → 02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

export interface OpeningClocks {
  choiceDueOn: IsoDate;
  assignDueOn: IsoDate;
  settleDueOn: IsoDate;
}

export function openingClocks(openedOn: IsoDate, calendar: WorkCalendar): OpeningClocks {
  const choiceDueOn = workingDaysDueDate({ start: openedOn, days: JOINT_CHOICE_WORKING_DAYS, calendar });
  return {
    choiceDueOn,
    assignDueOn: workingDaysDueDate({ start: choiceDueOn, days: ASSIGNMENT_WORKING_DAYS, calendar }),
    // A month ending on a rest day runs to the next working day, like every period here.
    settleDueOn: calendar.nextWorkingDay(addMonths(openedOn, SETTLEMENT_MONTHS)),
  };
}

/** When a mediator chosen or assigned on `proposedOn` must have answered. */
export function acceptanceDueOn(proposedOn: IsoDate, calendar: WorkCalendar): IsoDate {
  return workingDaysDueDate({ start: proposedOn, days: ACCEPTANCE_WORKING_DAYS, calendar });
}

/** After a mediator declines (or lets the acceptance window pass), the unit reassigns within 3 working days. */
export function reassignDueOn(declinedOn: IsoDate, calendar: WorkCalendar): IsoDate {
  return workingDaysDueDate({ start: declinedOn, days: ASSIGNMENT_WORKING_DAYS, calendar });
}

export function confirmationDueOn(effectiveOn: IsoDate, calendar: WorkCalendar): IsoDate {
  return calendar.nextWorkingDay(addDays(effectiveOn, JUDICIAL_CONFIRMATION_DAYS));
}

