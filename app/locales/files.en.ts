/** English texts of file storage (spread into en.ts; Russian in files.ru.ts). */
export const filesEn = {
  "files.missing.title": "This file is not available",
  "files.missing.body": "The file “{name}” is missing from storage, so it cannot be downloaded. The problem has been logged for the administrator; please try again later or tell us in the ticket.",
  "files.corrupted.title": "This file is damaged",
  "files.corrupted.body": "The stored copy of “{name}” does not match the checksum recorded when it was uploaded, so it is not sent. The problem has been logged for the administrator; please try again later or tell us in the ticket.",
};
