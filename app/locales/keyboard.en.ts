/** Desk keyboard shortcuts (listed behind `?`). */
export const keyboardEn = {
  "kbd.title": "Keyboard shortcuts",
  "kbd.close": "Close",
  "kbd.rows": "Next / previous ticket in the queue",
  "kbd.open": "Open the chosen ticket",
  "kbd.reply": "Write a public reply",
  "kbd.note": "Write an internal note",
  "kbd.assign": "Assign the ticket to me",
  "kbd.status": "Choose the status to set with the reply",
  "kbd.search": "Search",
  "kbd.queue": "Back to the queue",
  "kbd.help": "This list",
} as const;
