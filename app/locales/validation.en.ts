/** Generic validation messages: what a form field says when its schema gives no message of its own. */
export const validationEn = {
  "validation.required": "Fill in this field",
  "validation.invalid": "Enter a valid value",
  "validation.choose": "Choose one of the options",
  "validation.tooShort": "Enter at least {minimum, plural, one {# character} other {# characters}}",
  "validation.tooLong": "Keep it to {maximum, plural, one {# character} other {# characters}}",
  "validation.tooFew": "Choose at least {minimum, plural, one {# item} other {# items}}",
  "validation.tooMany": "Choose at most {maximum, plural, one {# item} other {# items}}",
  "validation.tooSmall": "Enter {minimum, number} or more",
  "validation.tooBig": "Enter {maximum, number} or less",
  "validation.dateTooEarly": "Choose a later date",
  "validation.dateTooLate": "Choose an earlier date",
  "validation.emailRequired": "Enter an email address",
  "validation.email": "Enter a valid email address, like name@example.com",
  "validation.url": "Enter a web address starting with https://",
  "validation.format": "Check the format of this value",
  "validation.multipleOf": "Enter a multiple of {divisor, number}",
} as const;
