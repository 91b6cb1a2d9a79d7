/** The customer panel beside a ticket on the desk. */
export const panelEn = {
  "panel.plan": "Support plan",
  "panel.planUntil": "until {date}",
  "panel.freeToday": "Free minutes left today",
  "panel.prepaid": "Prepaid balance",
  "panel.licences": "Licences",
  "panel.renewal": "renewal {price}",
  "panel.openTickets": "Other open tickets",
  "panel.due": "due {at}",
  "panel.csat": "Latest satisfaction answers",
  "panel.csatScores": "{average} of 5 (speed {reach}, understanding {understand}, answer {quality}, comfort {comfort})",
  "panel.complaints": "Open complaints",
  "panel.contacts": "Contacts",
  "panel.primary": "primary contact",
  "panel.deactivated": "deactivated",
  "panel.none": "None.",
  "panel.more": "All…",
} as const;
