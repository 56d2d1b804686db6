import { traitNameFor } from './columnNames';
import { ColumnPlanError, columnMappingSchema, mapRow, planColumns } from './presets';

describe('CSV import presets', () => {
  it('maps a HubSpot contacts export', () => {
    const headers = ['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Country/Region', 'State/Region', 'City', 'Job Title', 'Company Name', 'Create Date', 'Marketing contact status', 'Unsubscribed from all email', 'Favourite Course'];
    const row = ['5101', 'Ada', 'Okafor', ' Ada@Example.com ', '+44 20 7946 0958', 'United Kingdom', 'England', 'London', 'Designer', 'Acme', '2026-03-01 10:00', 'Marketing contact', 'false', 'UX Foundations'];
    expect(mapRow(headers, row, 'hubspot')).toEqual({
      ok: true,
      email: 'ada@example.com',
      traits: {
        hubspotId: '5101',
        firstName: 'Ada',
        lastName: 'Okafor',
        email: 'ada@example.com',
        phone: '+44 20 7946 0958',
        country: 'United Kingdom',
        region: 'England',
        city: 'London',
        jobTitle: 'Designer',
        company: 'Acme',
        createdAt: '2026-03-01 10:00',
        marketingContactStatus: 'Marketing contact',
        unsubscribed: false,
        // Columns the preset does not know keep a camelCase name of their header.
        favouriteCourse: 'UX Foundations',
      },
    });
  });

  it('maps an ActiveCampaign contacts export, tags as a list', () => {
    const headers = ['Email', 'First Name', 'Last Name', 'Phone', 'Organization', 'Tags', 'Date Created', 'Status'];
    const row = ['bo@example.com', 'Bo', 'Lind', '555-0100', 'Lind AB', 'webinar, trial ,,vip', '2025-11-02', 'Unsubscribed'];
    expect(mapRow(headers, row, 'activecampaign')).toMatchObject({
      ok: true,
      traits: { email: 'bo@example.com', firstName: 'Bo', lastName: 'Lind', phone: '555-0100', company: 'Lind AB', tags: ['webinar', 'trial', 'vip'], createdAt: '2025-11-02', unsubscribed: true },
    });
  });

  it('maps a Klaviyo profiles export, consent inverted into unsubscribed', () => {
    const headers = ['Email', 'Phone Number', 'First Name', 'Last Name', 'Organization', 'Title', 'City', 'State / Region', 'Country', 'Zip Code', 'Email Marketing Consent'];
    const row = ['cleo@example.com', '+33 1 23 45 67 89', 'Cléo', 'Martin', 'Studio M', 'Founder', 'Lyon', 'Auvergne-Rhône-Alpes', 'France', '69001', 'SUBSCRIBED'];
    expect(mapRow(headers, row, 'klaviyo')).toMatchObject({
      ok: true,
      traits: { phone: '+33 1 23 45 67 89', firstName: 'Cléo', company: 'Studio M', jobTitle: 'Founder', region: 'Auvergne-Rhône-Alpes', postalCode: '69001', unsubscribed: false },
    });
    const neverSubscribed = mapRow(headers, [...row.slice(0, 10), 'NEVER_SUBSCRIBED'], 'klaviyo');
    expect(neverSubscribed.ok && 'unsubscribed' in neverSubscribed.traits).toBe(false);
  });

  it('leaves empty cells out and lets the first non-empty column of a trait win', () => {
    const headers = ['Email', 'Email Address', 'First Name', 'Phone Number'];
    expect(mapRow(headers, ['', 'dee@example.com', '  ', ''], 'hubspot')).toEqual({ ok: true, email: 'dee@example.com', traits: { email: 'dee@example.com' } });
  });

  it('maps any file with an explicit mapping, and overrides single columns of a preset', () => {
    const headers = ['E-mail', 'Given name', 'Member #', 'Notes', 'Opted out'];
    const mapping = columnMappingSchema.parse({ 'E-mail': 'email', 'given name': 'firstName', 'Member #': 'userId', Notes: 'skip', 'Opted out': 'unsubscribed' });
    expect(mapRow(headers, ['eve@example.com', 'Eve', 'm-42', 'called twice', 'yes'], undefined, mapping)).toEqual({
      ok: true,
      userId: 'm-42',
      email: 'eve@example.com',
      traits: { email: 'eve@example.com', firstName: 'Eve', unsubscribed: true },
    });

    const override = mapRow(['Email', 'Record ID', 'Job Title'], ['fay@example.com', '77', 'CTO'], 'hubspot', { 'Record ID': 'userId', 'Job Title': 'skip' });
    expect(override).toEqual({ ok: true, userId: '77', email: 'fay@example.com', traits: { email: 'fay@example.com' } });

    // Restating a preset column's own trait keeps how the preset reads it: consent stays consent.
    const restated = mapRow(['Email', 'Email Marketing Consent'], ['gil@example.com', 'true'], 'klaviyo', { 'Email Marketing Consent': 'unsubscribed' });
    expect(restated).toMatchObject({ ok: true, traits: { unsubscribed: false } });
  });

  it('rejects rows without an email or userId, with a malformed email, or with more cells than headers', () => {
    const headers = ['Email', 'First Name'];
    expect(mapRow(headers, ['', 'Gus'], 'hubspot')).toEqual({ ok: false, reason: 'no email address and no userId' });
    expect(mapRow(headers, ['gus at example', 'Gus'], 'hubspot')).toEqual({ ok: false, reason: '"gus at example" is not an email address' });
    expect(mapRow(headers, ['gus@example.com', 'Gus', 'extra'], 'hubspot')).toEqual({ ok: false, reason: 'the row has 3 cells but the header has 2' });
    expect(mapRow(headers, ['gus@example.com'], 'hubspot')).toMatchObject({ ok: true });
  });

  it('rejects bad mappings', () => {
    expect(columnMappingSchema.safeParse({ Email: 'contact.email' }).success).toBe(false);
    expect(columnMappingSchema.safeParse({ Email: '$set' }).success).toBe(false);
    expect(columnMappingSchema.safeParse({ Email: '' }).success).toBe(false);
    expect(columnMappingSchema.safeParse({ A: 'userId', B: 'userId' }).success).toBe(false);
    expect(columnMappingSchema.safeParse(['email']).success).toBe(false);
    expect(() => planColumns(['Email'], undefined, { Emial: 'email' })).toThrow(new ColumnPlanError('The mapping names "Emial", which the file does not have; its columns are "Email".'));
    expect(() => planColumns(['Name', 'Phone'], 'klaviyo')).toThrow(/No column holds an email address or a userId/);
  });

  it('derives storable camelCase trait names from headers', () => {
    expect(traitNameFor('Country/Region', 1)).toBe('countryRegion');
    expect(traitNameFor('$weird.key name', 1)).toBe('weirdKeyName');
    expect(traitNameFor('Prénom', 1)).toBe('prenom');
    expect(traitNameFor('###', 3)).toBe('column3');
  });
});
