import { z } from 'zod';
import { cellValue, type CellKind, type TraitValue } from './cellValues';
import { headerKey, isStorableTraitName, traitNameFor } from './columnNames';

/**
 * CSV contact imports: which column of a HubSpot, ActiveCampaign or Klaviyo contact export holds
 * which trait, and how any CSV is mapped with an explicit column mapping. Pure: the designer shows
 * these tables, and the importer (imports/csvImport.ts) applies them row by row.
 */

export const presetNames = ['hubspot', 'activecampaign', 'klaviyo'] as const;
export const presetNameSchema = z.enum(presetNames);
export type PresetName = z.infer<typeof presetNameSchema>;

export interface PresetColumn {
  trait: string;
  /** The headers the tool has used for this column; compared ignoring case, spaces and punctuation. */
  headers: readonly string[];
  kind: CellKind;
}

export interface Preset {
  name: PresetName;
  label: string;
  columns: readonly PresetColumn[];
}

const column = (trait: string, headers: string[], kind: CellKind = 'text'): PresetColumn => ({ trait, headers, kind });

// Trait names follow the learner profile (domain/learners.ts traitsSchema): region, jobTitle, company.
// Tool-specific ids are kept under their tool's name, never as userId: they are not our users' ids.
export const presets: Record<PresetName, Preset> = {
  hubspot: {
    name: 'hubspot',
    label: 'HubSpot contacts export',
    columns: [
      column('email', ['Email', 'Email Address']),
      column('firstName', ['First Name']),
      column('lastName', ['Last Name']),
      column('phone', ['Phone Number', 'Phone']),
      column('mobilePhone', ['Mobile Phone Number']),
      column('country', ['Country/Region', 'Country']),
      column('region', ['State/Region', 'State']),
      column('city', ['City']),
      column('postalCode', ['Postal Code', 'Zip Code', 'Zip']),
      column('streetAddress', ['Street Address']),
      column('jobTitle', ['Job Title']),
      column('company', ['Company Name', 'Company']),
      column('industry', ['Industry']),
      column('website', ['Website URL']),
      column('timezone', ['Time Zone']),
      column('hubspotId', ['Record ID', 'Contact ID']),
      column('hubspotOwner', ['Contact owner']),
      column('lifecycleStage', ['Lifecycle Stage']),
      column('leadStatus', ['Lead Status']),
      column('createdAt', ['Create Date']),
      column('lastActivityAt', ['Last Activity Date']),
      // HubSpot's billing flag (who may be sent marketing from HubSpot), not the contact's own choice.
      column('marketingContactStatus', ['Marketing contact status']),
      column('unsubscribed', ['Unsubscribed from all email', 'Opted out of all email'], 'unsubscribed'),
    ],
  },
  activecampaign: {
    name: 'activecampaign',
    label: 'ActiveCampaign contacts export',
    columns: [
      column('email', ['Email', 'Email Address']),
      column('firstName', ['First Name']),
      column('lastName', ['Last Name']),
      column('phone', ['Phone', 'Phone Number']),
      column('company', ['Organization', 'Organization Name', 'Account', 'Account Name']),
      column('jobTitle', ['Job Title', 'Title']),
      column('country', ['Country']),
      column('region', ['State', 'State/Province', 'Region']),
      column('city', ['City']),
      column('postalCode', ['Zip', 'Zip Code', 'Postal Code']),
      column('tags', ['Tags'], 'list'),
      column('activecampaignId', ['Contact ID', 'ID', 'Subscriber ID']),
      column('createdAt', ['Date Created', 'Created Date', 'Date Subscribed']),
      column('ipAddress', ['IP Address', 'IP']),
      column('unsubscribed', ['Status', 'Subscription Status', 'List Status'], 'consent'),
    ],
  },
  klaviyo: {
    name: 'klaviyo',
    label: 'Klaviyo profiles export',
    columns: [
      column('email', ['Email', 'Email Address']),
      column('firstName', ['First Name']),
      column('lastName', ['Last Name']),
      column('phone', ['Phone Number', 'Phone']),
      column('company', ['Organization']),
      column('jobTitle', ['Title']),
      column('streetAddress', ['Address', 'Address 1']),
      column('streetAddress2', ['Address 2']),
      column('city', ['City']),
      column('region', ['State / Region', 'Region', 'State']),
      column('country', ['Country']),
      column('postalCode', ['Zip Code', 'Zip', 'Postal Code']),
      column('location', ['Location']),
      column('timezone', ['Timezone', 'Time Zone']),
      column('klaviyoId', ['Klaviyo ID', 'Profile ID']),
      column('externalId', ['External ID']),
      column('createdAt', ['Profile Created On', 'Created']),
      column('unsubscribed', ['Email Marketing Consent'], 'consent'),
    ],
  },
};

export const USER_ID = 'userId';
export const SKIP = 'skip';

const mappingTarget = z
  .string()
  .trim()
  .min(1)
  .refine((target) => isStorableTraitName(target) && target !== '__proto__', 'must be "userId", "skip" or a trait name without "." and not starting with "$"');

/** `{ "<csv column>": "<trait name>" | "userId" | "skip" }`, applied on top of a preset if one is chosen. */
export const columnMappingSchema = z
  .record(z.string().min(1), mappingTarget)
  .refine((mapping) => Object.values(mapping).filter((target) => target === USER_ID).length <= 1, 'only one column can be the userId');
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

type ColumnRule = { position: number } & ({ target: 'userId' } | { target: 'trait'; trait: string; kind: CellKind });

/** What each column of one file becomes; worked out once from the header row. */
export interface ColumnPlan {
  headerCount: number;
  rules: ColumnRule[];
}

/** The header row cannot be imported as asked (a mapped column is missing, or nothing identifies a contact). */
export class ColumnPlanError extends Error {
  override name = 'ColumnPlanError';
}

const describeColumns = (headers: readonly string[]) => headers.map((header) => JSON.stringify(header)).join(', ');

export function planColumns(headers: readonly string[], preset: PresetName | undefined, mapping: ColumnMapping = {}): ColumnPlan {
  const mapped = new Map(Object.entries(mapping).map(([header, target]) => [headerKey(header), { header, target }]));
  const known = new Map((preset ? presets[preset].columns : []).flatMap((entry) => entry.headers.map((header) => [headerKey(header), entry] as const)));
  const unused = new Set(mapped.keys());
  const rules: ColumnRule[] = [];

  headers.forEach((header, position) => {
    const key = headerKey(header);
    unused.delete(key);
    const target = mapped.get(key)?.target;
    if (target === SKIP) return;
    if (target === USER_ID) return rules.push({ position, target: 'userId' });
    // A mapping that names the preset's own trait keeps the preset's reading of the cell (a consent column stays one).
    const presetColumn = target === undefined || target === known.get(key)?.trait ? known.get(key) : undefined;
    const trait = target ?? presetColumn?.trait ?? traitNameFor(header, position + 1);
    rules.push({ position, target: 'trait', trait, kind: presetColumn?.kind ?? (trait === 'unsubscribed' ? 'unsubscribed' : 'text') });
  });

  if (unused.size > 0) {
    const missing = [...unused].map((key) => JSON.stringify(mapped.get(key)!.header)).join(', ');
    throw new ColumnPlanError(`The mapping names ${missing}, which the file does not have; its columns are ${describeColumns(headers)}.`);
  }
  if (!rules.some((rule) => rule.target === 'userId' || rule.trait === 'email')) {
    throw new ColumnPlanError(
      `No column holds an email address or a userId (columns: ${describeColumns(headers)}); map one, e.g. {"E-mail address": "email"}.`,
    );
  }
  return { headerCount: headers.length, rules };
}

export type MappedRow =
  | { ok: true; userId?: string; email?: string; traits: Record<string, TraitValue> }
  | { ok: false; reason: string };

const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+$/.test(value);

/** One data row as an identity and traits; empty cells are left out, the first non-empty column of a trait wins. */
export function applyPlan(plan: ColumnPlan, row: readonly string[]): MappedRow {
  if (row.length > plan.headerCount) return { ok: false, reason: `the row has ${row.length} cells but the header has ${plan.headerCount}` };
  let userId: string | undefined;
  const traits: Record<string, TraitValue> = {};
  for (const rule of plan.rules) {
    const text = row[rule.position]?.trim();
    if (!text) continue;
    if (rule.target === 'userId') {
      userId ??= text;
      continue;
    }
    if (Object.hasOwn(traits, rule.trait)) continue;
    const value = cellValue(rule.kind, text);
    if (value !== undefined) traits[rule.trait] = rule.trait === 'email' && typeof value === 'string' ? value.toLowerCase() : value;
  }
  const email = typeof traits.email === 'string' ? traits.email : undefined;
  if (!userId && !email) return { ok: false, reason: 'no email address and no userId' };
  if (!userId && email && !looksLikeEmail(email)) return { ok: false, reason: `${JSON.stringify(email)} is not an email address` };
  return { ok: true, userId, email, traits };
}

/** Maps one row; for many rows of one file, plan once with `planColumns` and use `applyPlan`. */
export function mapRow(headers: readonly string[], row: readonly string[], preset: PresetName | undefined, mapping?: ColumnMapping): MappedRow {
  return applyPlan(planColumns(headers, preset, mapping), row);
}
