import type { validationEn } from "./validation.en";

export const validationRu: Record<keyof typeof validationEn, string> = {
  "validation.required": "Заполните это поле",
  "validation.invalid": "Введите правильное значение",
  "validation.choose": "Выберите один из вариантов",
  "validation.tooShort": "Введите не меньше {minimum, plural, one {# символа} few {# символов} many {# символов} other {# символа}}",
  "validation.tooLong": "Не больше {maximum, plural, one {# символа} few {# символов} many {# символов} other {# символа}}",
  "validation.tooFew": "Выберите хотя бы {minimum, plural, one {# элемент} few {# элемента} many {# элементов} other {# элемента}}",
  "validation.tooMany": "Выберите не больше {maximum, plural, one {# элемента} few {# элементов} many {# элементов} other {# элемента}}",
  "validation.tooSmall": "Введите {minimum, number} или больше",
  "validation.tooBig": "Введите {maximum, number} или меньше",
  "validation.dateTooEarly": "Выберите более позднюю дату",
  "validation.dateTooLate": "Выберите более раннюю дату",
  "validation.emailRequired": "Введите адрес почты",
  "validation.email": "Введите правильный адрес почты, например name@example.com",
  "validation.url": "Введите веб-адрес, начинающийся с https://",
  "validation.format": "Проверьте формат значения",
  "validation.multipleOf": "Введите число, кратное {divisor, number}",
};
