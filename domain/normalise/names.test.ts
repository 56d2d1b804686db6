import { splitName } from './names';

describe('splitName', () => {
  test.each([
    ['Jane Doe', { firstName: 'Jane', lastName: 'Doe' }],
    ['  Jane   Doe  ', { firstName: 'Jane', lastName: 'Doe' }],
    ['Jane Mary Doe', { firstName: 'Jane', lastName: 'Mary Doe' }],
    ['Ludwig van Beethoven', { firstName: 'Ludwig', lastName: 'van Beethoven' }],
    ['Doe, Jane', { firstName: 'Jane', lastName: 'Doe' }],
    ['de la Cruz, Maria', { firstName: 'Maria', lastName: 'de la Cruz' }],
    ['Dr. Jane Doe', { firstName: 'Jane', lastName: 'Doe' }],
    ['Mr John Smith', { firstName: 'John', lastName: 'Smith' }],
    ['Prof. Dr. Ada Lovelace', { firstName: 'Ada', lastName: 'Lovelace' }],
    ['John Smith, Jr.', { firstName: 'John', lastName: 'Smith Jr.' }],
    ['John Smith Jr.', { firstName: 'John', lastName: 'Smith Jr.' }],
    ['Cher', { firstName: 'Cher' }],
    ['Dr.', { firstName: 'Dr.' }],
    ['José Álvarez', { firstName: 'José', lastName: 'Álvarez' }],
    ['山田 太郎', { firstName: '山田', lastName: '太郎' }],
    ['Doe,', { firstName: 'Doe' }],
    [', Jane', { firstName: 'Jane' }],
    ['jane@example.com', {}],
    ['', {}],
    ['   ', {}],
  ])('%j → %j', (input, expected) => {
    expect(splitName(input)).toEqual(expected);
  });
});
