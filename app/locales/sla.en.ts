/**
 * What business calendars and support plans say when something is wrong (spread into en.ts;
 * Russian in sla.ru.ts). `sla.field.*` stand beside a form field, `sla.error.*` above the form.
 */
export const slaEn = {
  // A business calendar's values (business-hours.ts) and its form (calendar-form.ts).
  "sla.field.name": "Enter a name",
  "sla.field.nameTooLong": "Use at most {maximum, plural, one {# character} other {# characters}}",
  "sla.field.timeFormat": 'Expected a time "HH:MM" from 00:00 to 24:00',
  "sla.field.windowOrder": "A window must start before it ends",
  "sla.field.windowsOverlap": "Windows {earlier} and {later} overlap",
  "sla.field.dateFormat": 'Expected a date "YYYY-MM-DD"',
  "sla.field.dateNotReal": "Not a real calendar date",
  "sla.field.timeZone": 'Unknown time zone; expected an IANA name such as "Europe/Moscow"',
  "sla.field.extraDayTwice": "Extra working day {date} is listed twice",
  "sla.field.notAWindow": '"{part}" is not a window like 10:00–18:00',
  "sla.field.noWorkingHours": "A calendar needs working hours on at least one weekday",
  // The same about one date among the holidays or the extra working days.
  "sla.field.onDate.timeFormat": '{date}: Expected a time "HH:MM" from 00:00 to 24:00',
  "sla.field.onDate.windowOrder": "{date}: A window must start before it ends",
  "sla.field.onDate.windowsOverlap": "{date}: Windows {earlier} and {later} overlap",
  "sla.field.onDate.dateFormat": '{date}: Expected a date "YYYY-MM-DD"',
  "sla.field.onDate.dateNotReal": "{date}: Not a real calendar date",
  "sla.field.onDate.extraDayTwice": "{date}: Extra working day {date} is listed twice",
  "sla.field.onDate.notAWindow": '{date}: "{part}" is not a window like 10:00–18:00',
  "sla.field.onDate.noHours": "{date}: give the working hours, e.g. {date} 10:00–18:00",
  // A support plan's form (plan-form.ts, targets.ts), its sale and its assignment.
  "sla.field.slug": "Use lower-case letters, digits and dashes",
  "sla.field.chooseCalendar": "Choose a calendar",
  "sla.field.wholeNumber": "Enter a whole number",
  "sla.field.wholeMonths": "Enter a whole number of months",
  "sla.field.price": "Enter a price above zero, or leave it empty: the plan is then not for sale",
  "sla.field.targetMinutes": "Enter a number of business minutes",
  "sla.field.targetWhole": "Use whole business minutes",
  "sla.field.targetPositive": "A target must be at least 1 business minute",
  "sla.field.slugTaken": "Another plan uses this short name",
  "sla.field.keepDefault": "Make another plan the default instead",
  "sla.field.choosePlan": "Choose a plan",
  "sla.field.notForSale": "This plan is not for sale",
  "sla.field.chooseOrganisation": "Choose an organisation",
  "sla.error.chooseCalendar": "Choose a calendar.",
  "sla.error.slugTaken": "Another plan uses this short name.",
  "sla.error.keepDefault": "One plan must stay the default: make another plan the default instead.",
  "sla.error.choosePlan": "Choose a plan.",
  "sla.error.notForSale": "This plan is not for sale.",
  "sla.error.noDefaultPlan": "There is no default plan.",
  "sla.error.planNotFound": "Support plan not found",
} as const;
