import { normaliseTraits } from './traits';

const now = new Date('2025-06-15T12:00:00Z');
const normalise = (traits: Record<string, unknown>, categoryMaps?: Record<string, Record<string, string>>) =>
  normaliseTraits(traits, { now, categoryMaps });

describe('normaliseTraits', () => {
  test('normalises every well-known trait of a typical identify', () => {
    const result = normalise({
      email: '  Jane.Doe@Example.COM ',
      phone: '07911 123456',
      country: 'United Kingdom',
      timezone: 'europe/london',
      birthdate: '1990-05-01',
      createdAt: 1709649000,
      name: 'Jane Doe',
      plan: 'pro',
    });
    expect(result).toEqual({
      traits: {
        email: 'jane.doe@example.com',
        emailStatus: 'valid',
        phone: '+447911123456',
        country: 'GB',
        timezone: 'Europe/London',
        birthdate: '1990-05-01',
        ageRange: '35-44',
        createdAt: '2024-03-05T14:30:00.000Z',
        name: 'Jane Doe',
        firstName: 'Jane',
        lastName: 'Doe',
        plan: 'pro',
      },
      problems: [],
    });
  });

  test('does not change its input', () => {
    const input = { email: 'JANE@EXAMPLE.COM', country: 'nowhere' };
    normalise(input);
    expect(input).toEqual({ email: 'JANE@EXAMPLE.COM', country: 'nowhere' });
  });

  test('keeps custom traits as they are', () => {
    const custom = { favouriteCourse: 'TypeScript 101', score: 93, tags: ['a', 'b'], nested: { deep: [1, { x: null }] }, optIn: false };
    expect(normalise(custom)).toEqual({ traits: custom, problems: [] });
  });

  describe('email', () => {
    test('an invalid address is kept lower-cased and marked invalid', () => {
      expect(normalise({ email: 'Jane@Example' })).toEqual({
        traits: { email: 'jane@example', emailStatus: 'invalid' },
        problems: [{ trait: 'email', value: 'Jane@Example', problem: 'invalid email syntax' }],
      });
    });

    test('invalid syntax overrides any status the message claims', () => {
      expect(normalise({ email: 'nope', emailStatus: 'valid' }).traits.emailStatus).toBe('invalid');
      expect(normalise({ email: 'nope', emailStatus: 'undeliverable' }).traits.emailStatus).toBe('invalid');
    });

    test('a valid address keeps an undeliverable status', () => {
      expect(normalise({ email: 'jane@example.com', emailStatus: 'undeliverable' }).traits.emailStatus).toBe('undeliverable');
      expect(normalise({ email: 'jane@example.com', emailStatus: 'invalid' }).traits.emailStatus).toBe('valid');
    });

    test('a non-text email is dropped', () => {
      expect(normalise({ email: 12345 })).toEqual({ traits: {}, problems: [{ trait: 'email', value: 12345, problem: 'email is not text' }] });
      expect(normalise({ email: { address: 'a@b.co' } }).traits).toEqual({});
    });

    test('without an email the status is left alone', () => {
      expect(normalise({ emailStatus: 'undeliverable' }).traits).toEqual({ emailStatus: 'undeliverable' });
    });
  });

  describe('values that cannot be normalised are dropped and reported', () => {
    test.each([
      ['country', 'Atlantis', 'unknown country'],
      ['country', 42, 'unknown country'],
      ['timezone', 'EST', 'unknown time zone'],
      ['timezone', 'Mars/Base', 'unknown time zone'],
      ['phone', '12345', 'invalid phone number'],
      ['phone', { n: 1 }, 'invalid phone number'],
      ['birthdate', '05/01/1990', 'not a recognised date (use YYYY-MM-DD)'],
      ['birthdate', '2030-01-01', 'birthdate is in the future'],
      ['birthdate', '1890-01-01', 'not a recognised date (use YYYY-MM-DD)'],
      ['birthdate', '1901-01-01', 'birthdate is implausibly long ago'],
      ['createdAt', 'last tuesday', 'not a recognised date (use ISO 8601)'],
      ['lastLoginAt', '31/12/2024', 'not a recognised date (use ISO 8601)'],
      ['trial_end_date', 'soon', 'not a recognised date (use ISO 8601)'],
    ])('%s %j', (trait, value, problem) => {
      expect(normalise({ [trait]: value, keep: 'me' })).toEqual({ traits: { keep: 'me' }, problems: [{ trait, value, problem }] });
    });
  });

  test('reports every problem of one message', () => {
    const { traits, problems } = normalise({ email: 'bad', phone: 'x', country: 'Narnia', timezone: 'Nowhere/City' });
    expect(traits).toEqual({ email: 'bad', emailStatus: 'invalid' });
    expect(problems.map((problem) => problem.trait).sort()).toEqual(['country', 'email', 'phone', 'timezone']);
  });

  test('blank values are dropped quietly and null passes through as a clear', () => {
    expect(normalise({ email: '  ', phone: '', country: '', timezone: ' ', birthdate: '', createdAt: '', name: ' ' })).toEqual({ traits: {}, problems: [] });
    const cleared = { email: null, phone: null, country: null, timezone: null, birthdate: null, createdAt: null, name: null };
    expect(normalise(cleared)).toEqual({ traits: cleared, problems: [] });
  });

  describe('phone', () => {
    test('a national number is read in the country of the learner', () => {
      expect(normalise({ phone: '(415) 555-2671', country: 'USA' }).traits.phone).toBe('+14155552671');
      expect(normalise({ phone: '030 901820', country: 'Deutschland' }).traits.phone).toBe('+4930901820');
    });

    test('without a known country only international numbers are understood', () => {
      expect(normalise({ phone: '(415) 555-2671' }).problems).toEqual([{ trait: 'phone', value: '(415) 555-2671', problem: 'invalid phone number' }]);
      expect(normalise({ phone: '(415) 555-2671', country: 'Narnia' }).traits).toEqual({});
      expect(normalise({ phone: '+1 415 555 2671', country: 'Narnia' }).traits).toEqual({ phone: '+14155552671' });
    });
  });

  describe('name', () => {
    test.each([
      [{ name: 'Jane Doe' }, { name: 'Jane Doe', firstName: 'Jane', lastName: 'Doe' }],
      [{ name: '  Jane   Doe ' }, { name: 'Jane Doe', firstName: 'Jane', lastName: 'Doe' }],
      [{ name: 'Jane Doe', firstName: 'Janet' }, { name: 'Jane Doe', firstName: 'Janet', lastName: 'Doe' }],
      [{ name: 'Jane Doe', lastName: 'Smith' }, { name: 'Jane Doe', firstName: 'Jane', lastName: 'Smith' }],
      [{ name: 'Jane Doe', firstName: ' ', lastName: '' }, { name: 'Jane Doe', firstName: 'Jane', lastName: 'Doe' }],
      [{ name: 'Jane Doe', firstName: null }, { name: 'Jane Doe', firstName: null, lastName: 'Doe' }],
      [{ name: 'Cher' }, { name: 'Cher', firstName: 'Cher' }],
      [{ name: 'jane@example.com' }, { name: 'jane@example.com' }],
      [{ name: 42 }, { name: 42 }],
      [{ firstName: ' Jane ', lastName: ' Doe ' }, { firstName: 'Jane', lastName: 'Doe' }],
    ])('%j → %j', (input, expected) => {
      expect(normalise(input)).toEqual({ traits: expected, problems: [] });
    });
  });

  describe('birthdate and age range', () => {
    test.each([
      ['2007-06-15', '18-24'],
      ['2007-06-16', undefined],
      ['2000-06-16', '18-24'],
      ['2000-06-15', '25-34'],
      ['1990-05-01', '35-44'],
      ['1975-01-01', '45-54'],
      ['1965-01-01', '55-64'],
      ['1960-06-15', '65+'],
      ['1930-01-01', '65+'],
      ['2020-01-01', undefined],
    ])('born %s → %s', (birthdate, ageRange) => {
      expect(normalise({ birthdate }).traits).toEqual(ageRange ? { birthdate, ageRange } : { birthdate });
    });

    test('date-times and epoch values become the calendar date', () => {
      expect(normalise({ birthdate: '1990-05-01T00:00:00Z' }).traits.birthdate).toBe('1990-05-01');
      expect(normalise({ birthdate: 641520000000 }).traits.birthdate).toBe('1990-05-01');
    });

    test('the age is computed at the given moment', () => {
      const at = (iso: string) => normaliseTraits({ birthdate: '2000-01-01' }, { now: new Date(iso) }).traits.ageRange;
      expect(at('2024-12-31T23:59:59Z')).toBe('18-24');
      expect(at('2025-01-01T00:00:00Z')).toBe('25-34');
    });
  });

  describe('timestamps', () => {
    test.each([
      ['createdAt', '2024-03-05T14:30:00+01:00', '2024-03-05T13:30:00.000Z'],
      ['created_at', 1709649000000, '2024-03-05T14:30:00.000Z'],
      ['lastLoginAt', '2024-03-05', '2024-03-05'],
      ['trialEndDate', '2024-03-05 10:00', '2024-03-05T10:00:00.000Z'],
      ['course_start_date', '2024/03/05', '2024-03-05'],
    ])('%s %j → %s', (trait, value, expected) => {
      expect(normalise({ [trait]: value }).traits).toEqual({ [trait]: expected });
    });

    test.each([['format'], ['chat'], ['At'], ['Date'], ['update'], ['candidate'], ['mandate']])('%s is not taken for a timestamp', (trait) => {
      expect(normalise({ [trait]: 'whatever' }).traits).toEqual({ [trait]: 'whatever' });
    });
  });

  describe('category maps', () => {
    const maps = { plan: { pro: 'Pro', professional: 'Pro' }, industry: { 'ed tech': 'EdTech' } };

    test('maps listed values to their canonical form', () => {
      expect(normalise({ plan: ' PROFESSIONAL ', industry: 'Ed Tech' }, maps)).toEqual({ traits: { plan: 'Pro', industry: 'EdTech' }, problems: [] });
    });

    test('keeps and reports values the map does not list', () => {
      expect(normalise({ plan: 'Enterprise', industry: 7 }, maps)).toEqual({
        traits: { plan: 'Enterprise', industry: 7 },
        problems: [
          { trait: 'plan', value: 'Enterprise', problem: 'value not in the category map' },
          { trait: 'industry', value: 7, problem: 'value not in the category map' },
        ],
      });
    });

    test('ignores maps of traits the message does not carry', () => {
      expect(normalise({ company: 'Acme' }, maps)).toEqual({ traits: { company: 'Acme' }, problems: [] });
    });
  });

  test('defaults the moment to now', () => {
    const eighteenYearsAgo = new Date();
    eighteenYearsAgo.setUTCFullYear(eighteenYearsAgo.getUTCFullYear() - 19);
    const birthdate = eighteenYearsAgo.toISOString().slice(0, 10);
    expect(normaliseTraits({ birthdate }).traits.ageRange).toBe('18-24');
  });
});
