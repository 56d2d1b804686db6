import { normaliseTimezone } from '../normalise/timezone';
import { countryTimezones } from './countryTimezones';
import { regionTimezones } from './regionTimezones';
import { guessTimezone } from './timezoneFromCountry';

describe('guessTimezone', () => {
  test.each([
    ['GB', undefined, 'Europe/London'],
    ['gb', 'Scotland', 'Europe/London'],
    ['United Kingdom', undefined, 'Europe/London'],
    ['DE', undefined, 'Europe/Berlin'],
    ['Deutschland', undefined, 'Europe/Berlin'],
    ['IN', undefined, 'Asia/Kolkata'],
    ['CN', undefined, 'Asia/Shanghai'],
    ['JP', undefined, 'Asia/Tokyo'],
    ['NG', undefined, 'Africa/Lagos'],
    ['AR', 'Córdoba', 'America/Argentina/Buenos_Aires'],
    ['US', 'NY', 'America/New_York'],
    ['US', 'fl', 'America/New_York'],
    ['US', 'Texas', 'America/Chicago'],
    ['USA', 'IL', 'America/Chicago'],
    ['US', 'CO', 'America/Denver'],
    ['US', 'Arizona', 'America/Phoenix'],
    ['US', 'CA', 'America/Los_Angeles'],
    ['US', 'US-CA', 'America/Los_Angeles'],
    ['US', 'Washington', 'America/Los_Angeles'],
    ['US', 'Washington State', 'America/Los_Angeles'],
    ['US', 'Washington, D.C.', 'America/New_York'],
    ['US', 'AK', 'America/Anchorage'],
    ['US', 'Hawaii', 'Pacific/Honolulu'],
    ['CA', 'ON', 'America/Toronto'],
    ['CA', 'Québec', 'America/Toronto'],
    ['CA', 'British Columbia', 'America/Vancouver'],
    ['CA', 'AB', 'America/Edmonton'],
    ['CA', 'SK', 'America/Regina'],
    ['CA', 'NL', 'America/St_Johns'],
    ['Canada', 'Nova Scotia', 'America/Halifax'],
    ['AU', 'NSW', 'Australia/Sydney'],
    ['AU', 'Victoria', 'Australia/Melbourne'],
    ['AU', 'QLD', 'Australia/Brisbane'],
    ['AU', 'WA', 'Australia/Perth'],
    ['AU', 'AU-SA', 'Australia/Adelaide'],
    ['AU', 'Northern Territory', 'Australia/Darwin'],
    ['Australia', 'Australian Capital Territory', 'Australia/Sydney'],
    ['BR', 'SP', 'America/Sao_Paulo'],
    ['BR', 'São Paulo', 'America/Sao_Paulo'],
    ['Brasil', 'Amazonas', 'America/Manaus'],
    ['BR', 'PE', 'America/Recife'],
    ['MX', 'CDMX', 'America/Mexico_City'],
    ['MX', 'Jalisco', 'America/Mexico_City'],
    ['MX', 'Nuevo León', 'America/Monterrey'],
    ['MX', 'Baja California', 'America/Tijuana'],
    ['MX', 'Baja California Sur', 'America/Mazatlan'],
    ['MX', 'Quintana Roo', 'America/Cancun'],
    ['RU', 'Moscow', 'Europe/Moscow'],
    ['RU', 'St. Petersburg', 'Europe/Moscow'],
    ['RU', 'Sverdlovsk Oblast', 'Asia/Yekaterinburg'],
    ['RU', 'Republic of Tatarstan', 'Europe/Moscow'],
    ['Russia', 'Novosibirsk', 'Asia/Novosibirsk'],
    ['RU', 'KGD', 'Europe/Kaliningrad'],
    ['RU', 'Primorsky Krai', 'Asia/Vladivostok'],
    ['ID', 'Jakarta', 'Asia/Jakarta'],
    ['ID', 'Bali', 'Asia/Makassar'],
    ['ID', 'ID-PA', 'Asia/Jayapura'],
    ['ES', undefined, 'Europe/Madrid'],
    ['ES', 'Madrid', 'Europe/Madrid'],
    ['ES', 'Canary Islands', 'Atlantic/Canary'],
    ['PT', undefined, 'Europe/Lisbon'],
    ['PT', 'Açores', 'Atlantic/Azores'],
    ['EC', 'Galápagos', 'Pacific/Galapagos'],
    ['CL', undefined, 'America/Santiago'],
  ])('%s / %s → %s', (country, region, zone) => {
    expect(guessTimezone(country, region)).toBe(zone);
  });

  test.each([
    // Several zones and no region, or a region that does not say which.
    ['US', undefined],
    ['US', ''],
    ['US', 'State'],
    ['US', 'Ontario'],
    ['US', 'Narnia'],
    ['CA', undefined],
    ['AU', undefined],
    ['BR', undefined],
    ['RU', undefined],
    ['MX', undefined],
    ['ID', undefined],
    ['CD', undefined],
    ['Atlantis', undefined],
    ['XX', 'CA'],
    ['', undefined],
    [undefined, 'CA'],
    [undefined, undefined],
  ])('%j / %j → undefined', (country, region) => {
    expect(guessTimezone(country, region)).toBeUndefined();
  });

  test('covers at least the 60 most populous countries', () => {
    const mostPopulous = [
      'IN', 'CN', 'US', 'ID', 'PK', 'NG', 'BR', 'BD', 'RU', 'ET', 'MX', 'JP', 'EG', 'PH', 'VN', 'IR', 'TR',
      'DE', 'TH', 'TZ', 'GB', 'FR', 'ZA', 'IT', 'KE', 'MM', 'CO', 'KR', 'SD', 'UG', 'ES', 'DZ', 'IQ', 'AR',
      'AF', 'YE', 'CA', 'PL', 'MA', 'AO', 'UA', 'UZ', 'MY', 'MZ', 'GH', 'PE', 'SA', 'MG', 'CI', 'NP', 'CM',
      'VE', 'NE', 'AU', 'KP', 'SY', 'ML', 'BF', 'TW', 'LK',
    ];
    const covered = (code: string) => code in countryTimezones || code in regionTimezones;
    expect(mostPopulous.filter((code) => !covered(code))).toEqual([]);
  });

  test('every zone in the tables is a valid zone under its current name', () => {
    const zones = [...Object.values(countryTimezones), ...Object.values(regionTimezones).flatMap(({ otherwise, zones }) => [...(otherwise ? [otherwise] : []), ...Object.keys(zones)])];
    for (const zone of zones) expect(normaliseTimezone(zone)).toBe(zone);
  });

  test('every listed region code and name leads to its own zone', () => {
    for (const [country, { zones }] of Object.entries(regionTimezones)) {
      for (const [zone, regions] of Object.entries(zones)) {
        for (const region of regions) expect(`${country}/${region} → ${guessTimezone(country, region)}`).toBe(`${country}/${region} → ${zone}`);
      }
    }
  });

  test('single-zone countries are not also listed by region', () => {
    expect(Object.keys(regionTimezones).filter((code) => code in countryTimezones)).toEqual([]);
  });
});
