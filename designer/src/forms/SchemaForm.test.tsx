/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { render, screen, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { z } from 'zod';
import { journeyNodeTypes, type JourneyNodeType } from '../../../domain/journeys';
import { initialValueOf } from './model';
import { SchemaForm, type FieldOptions } from './SchemaForm';

interface Seen {
  value: unknown;
  success: boolean;
}

function renderForm(schema: z.ZodType, initial: unknown, props: { fieldOptions?: FieldOptions; errors?: { path: PropertyKey[]; message: string }[] } = {}) {
  const seen: Seen[] = [];
  function Harness() {
    const [value, setValue] = useState<unknown>(initial);
    return (
      <SchemaForm
        schema={schema}
        value={value}
        label="Settings"
        {...props}
        onChange={(next, result) => {
          seen.push({ value: next, success: result.success });
          setValue(next);
        }}
      />
    );
  }
  const view = render(<Harness />);
  const form = screen.getByRole('group', { name: 'Settings' });
  return { ...view, form, seen, latest: () => seen[seen.length - 1] };
}

const controlsIn = (root: HTMLElement) => [...root.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')];

/** Every control has a label element (a visible name), not just a placeholder. */
function expectLabelled(root: HTMLElement) {
  for (const control of controlsIn(root)) {
    expect(control.labels?.length ?? 0).toBeGreaterThan(0);
    expect(control.labels?.[0]?.textContent?.trim()).not.toBe('');
  }
}

/** Edits the first control the way a marketer would: types into text, changes a number or a choice. */
async function editFirstControl(user: UserEvent, root: HTMLElement) {
  const control = controlsIn(root)[0]!;
  if (control instanceof HTMLSelectElement) {
    const other = [...control.options].find((option) => option.value !== control.value && option.value !== '')!;
    await user.selectOptions(control, other);
  } else if (control.type === 'checkbox') {
    await user.click(control);
  } else if (control.type === 'number') {
    await user.clear(control);
    await user.type(control, '3');
  } else {
    await user.type(control, 'x');
  }
}

/** Through the form's own controls, makes the value invalid; returns the message zod gives and where it shows. */
type InvalidEdit = (user: UserEvent, form: HTMLElement) => Promise<{ message: string; at?: HTMLElement }>;

const invalidEdits: Record<JourneyNodeType, InvalidEdit> = {
  entry: async (user, form) => {
    const segment = within(form).getByLabelText('Segment');
    await user.type(segment, 'engaged-prospects');
    expect(segment).not.toHaveAttribute('aria-invalid');
    await user.type(segment, ' X');
    return { message: 'lowercase letters, digits and dashes', at: segment };
  },
  delay: async (user, form) => {
    const amount = within(form).getByLabelText('Amount');
    await user.clear(amount);
    await user.type(amount, '0');
    return { message: 'Too small: expected number to be >0', at: amount };
  },
  waitForEvent: async (user, form) => {
    const event = within(form).getByLabelText('Event');
    await user.type(event, 'Lesson Completed');
    expect(event).not.toHaveAttribute('aria-invalid');
    await user.clear(event);
    return { message: 'Too small: expected string to have >=1 characters', at: event };
  },
  inactivity: async (user, form) => {
    const amount = within(form).getByLabelText('Amount');
    await user.clear(amount);
    await user.type(amount, '0');
    return { message: 'Too small: expected number to be >0', at: amount };
  },
  condition: async (user, form) => {
    const trait = within(form).getByLabelText('Trait');
    await user.type(trait, 'plan');
    await user.clear(trait);
    return { message: 'Too small: expected string to have >=1 characters', at: trait };
  },
  split: async (user, form) => {
    const [firstId] = within(form).getAllByLabelText('ID');
    await user.type(firstId!, 'variant a');
    return { message: '1–64 letters, digits, _ or -', at: firstId! };
  },
  sendMessage: async (user, form) => {
    await user.selectOptions(within(form).getByLabelText('Channel'), 'Webhook');
    const url = within(form).getByLabelText(/Webhook URL/);
    await user.type(url, 'not a url');
    return { message: 'Invalid URL', at: url };
  },
  updateProfile: async (user, form) => {
    // Starts invalid at the form level (nothing changes yet); adding a tag fixes it, adding the same
    // tag to the removals breaks it again in the Remove tags group.
    expect(within(form).getByText('change at least one trait or tag')).toBeInTheDocument();
    const addTags = within(form).getByRole('group', { name: 'Add tags' });
    await user.click(within(addTags).getByRole('button', { name: 'Add tag' }));
    await user.type(within(addTags).getByLabelText('Tag 1'), 'vip');
    expect(within(form).queryByText('change at least one trait or tag')).not.toBeInTheDocument();
    const removeTags = within(form).getByRole('group', { name: 'Remove tags' });
    await user.click(within(removeTags).getByRole('button', { name: 'Add tag' }));
    await user.type(within(removeTags).getByLabelText('Tag 1'), 'vip');
    return { message: 'tag vip is both added and removed', at: removeTags };
  },
  exit: async (_user, form) => {
    // No settings to edit: an exit node is valid as {}; the form still reports a value of the wrong shape.
    expect(controlsIn(form)).toHaveLength(0);
    return { message: 'Invalid input: expected object, received undefined' };
  },
};

describe('SchemaForm for every journey node type', () => {
  it.each(journeyNodeTypes.map((type) => [type.type, type] as const))('%s: labelled controls, edits reach the value', async (_name, type) => {
    const user = userEvent.setup();
    const initial = initialValueOf(type.settingsSchema);
    const { form, latest } = renderForm(type.settingsSchema, initial);
    expectLabelled(form);
    // Settings made only of lists start with none: adding an item gives the first control.
    const add = within(form).queryAllByRole('button', { name: /^Add / })[0];
    if (controlsIn(form).length === 0 && add) await user.click(add);
    if (controlsIn(form).length === 0) {
      // Only the exit node has nothing to set.
      expect(initial).toEqual({});
      expect(type.settingsSchema.safeParse(initial).success).toBe(true);
      return;
    }
    await editFirstControl(user, form);
    expect(latest()?.value).not.toEqual(initial);
    expectLabelled(form);
  });

  it.each(journeyNodeTypes.map((type) => [type.type, type] as const))('%s: an invalid value shows the zod message inline', async (name, type) => {
    const user = userEvent.setup();
    const initial = name === 'exit' ? undefined : initialValueOf(type.settingsSchema);
    const { form, latest } = renderForm(type.settingsSchema, initial);
    const { message, at } = await invalidEdits[name](user, form);
    // Several fields may share a message (two empty variant ids); each shows its own.
    for (const shown of within(form).getAllByText(message)) expect(shown).toBeVisible();
    if (name !== 'exit' && name !== 'updateProfile') expect(latest()?.success).toBe(false);
    if (at) {
      expect(at).toHaveAttribute('aria-invalid', 'true');
      expect(at).toHaveAccessibleDescription(expect.stringContaining(message));
    } else {
      expect(form).toHaveAccessibleDescription(expect.stringContaining(message));
    }
  });

  it.each(journeyNodeTypes.map((type) => [type.type, type] as const))('%s: every option of every selector renders labelled controls', async (_name, type) => {
    const user = userEvent.setup();
    const { form } = renderForm(type.settingsSchema, initialValueOf(type.settingsSchema));
    // Walks the selectors present at the start (kind, mode, operator, …) through each of their options;
    // options are read again each time, since choosing one may change what a later selector offers.
    const labels = controlsIn(form)
      .filter((control) => control instanceof HTMLSelectElement)
      .map((selector) => selector.labels![0]!.textContent!);
    for (const label of labels) {
      for (let index = 0; ; index++) {
        const current = within(form).queryAllByLabelText(label, { selector: 'select' })[0] as HTMLSelectElement | undefined;
        const options = current ? [...current.options].filter((candidate) => candidate.value !== '') : [];
        if (!current || index >= options.length) break;
        await user.selectOptions(current, options[index]!);
        expectLabelled(form);
      }
    }
  });
});

describe('SchemaForm', () => {
  const conditionSchema = journeyNodeTypes.find((type) => type.type === 'condition')!.settingsSchema;

  it('starts recursive rules with a plain test and nests groups on request', async () => {
    const user = userEvent.setup();
    const { form, latest } = renderForm(conditionSchema, initialValueOf(conditionSchema));
    expect(within(form).getByLabelText('Type')).toHaveDisplayValue('Trait');
    await user.selectOptions(within(form).getByLabelText('Type'), 'All');
    expect(latest()?.value).toEqual({ mode: 'yesNo', condition: { type: 'all', conditions: [{ type: 'trait', operator: 'equals', trait: '', value: '' }] } });
    const group = within(form).getByRole('group', { name: 'Condition 1' });
    await user.type(within(group).getByLabelText('Trait'), 'plan');
    await user.type(within(group).getByLabelText('Value'), 'pro');
    expect(latest()).toEqual({ success: true, value: { mode: 'yesNo', condition: { type: 'all', conditions: [{ type: 'trait', operator: 'equals', trait: 'plan', value: 'pro' }] } } });
  });

  it('keeps what still fits when the operator changes', async () => {
    const user = userEvent.setup();
    const { form, latest } = renderForm(conditionSchema, { mode: 'yesNo', condition: { type: 'trait', operator: 'equals', trait: 'plan', value: 'pro' } });
    await user.selectOptions(within(form).getByLabelText('Operator'), 'does not equal');
    expect(latest()?.value).toEqual({ mode: 'yesNo', condition: { type: 'trait', operator: 'notEquals', trait: 'plan', value: 'pro' } });
    await user.selectOptions(within(form).getByLabelText('Operator'), 'greater than');
    expect(latest()?.value).toEqual({ mode: 'yesNo', condition: { type: 'trait', operator: 'gt', trait: 'plan', value: 0 } });
  });

  it('switches a value between text and number', async () => {
    const user = userEvent.setup();
    const { form, latest } = renderForm(conditionSchema, { mode: 'yesNo', condition: { type: 'trait', operator: 'equals', trait: 'score', value: '5' } });
    await user.selectOptions(within(form).getByLabelText('Value type'), 'Number');
    expect(latest()?.value).toMatchObject({ condition: { value: 5 } });
    expect(within(form).getByLabelText('Value')).toHaveAttribute('type', 'number');
  });

  it('offers known values through fieldOptions and keeps an unknown one visible', async () => {
    const user = userEvent.setup();
    const sendMessage = journeyNodeTypes.find((type) => type.type === 'sendMessage')!.settingsSchema;
    const templates = [
      { value: 'welcome', label: 'Welcome email' },
      { value: 'nudge', label: 'Come back nudge' },
    ];
    const { form, latest } = renderForm(sendMessage, { templateId: 'deleted-one', channel: 'email' }, { fieldOptions: { templateId: templates } });
    const select = within(form).getByLabelText('Template');
    expect(select.tagName).toBe('SELECT');
    expect(within(select).getByRole('option', { name: 'deleted-one (not found)' })).toBeInTheDocument();
    await user.selectOptions(select, 'Come back nudge');
    expect(latest()?.value).toMatchObject({ templateId: 'nudge' });
  });

  it('matches fieldOptions by path pattern inside lists', async () => {
    const user = userEvent.setup();
    const schema = z.object({ steps: z.array(z.object({ segmentId: z.string().min(1) })).min(1) });
    const { form, latest } = renderForm(schema, { steps: [{ segmentId: '' }] }, { fieldOptions: { 'steps.*.segmentId': [{ value: 'at-risk', label: 'At-risk students' }] } });
    await user.selectOptions(within(form).getByLabelText('Segment'), 'At-risk students');
    expect(latest()).toEqual({ success: true, value: { steps: [{ segmentId: 'at-risk' }] } });
  });

  it('adds, reorders and removes list items within their bounds', async () => {
    const user = userEvent.setup();
    const split = journeyNodeTypes.find((type) => type.type === 'split')!.settingsSchema;
    const variants = [
      { id: 'a', label: 'A', weight: 50 },
      { id: 'b', label: 'B', weight: 50 },
    ];
    const { form, latest } = renderForm(split, { variants });
    // A split needs two variants: the last two cannot be removed.
    expect(within(form).getByRole('button', { name: 'Remove Variant 1' })).toBeDisabled();
    await user.click(within(form).getByRole('button', { name: 'Add variant' }));
    expect(latest()?.value).toEqual({ variants: [...variants, { id: '', label: '', weight: 0 }] });
    await user.click(within(form).getByRole('button', { name: 'Move Variant 2 down' }));
    expect((latest()?.value as { variants: { id: string }[] }).variants.map((variant) => variant.id)).toEqual(['a', '', 'b']);
    await user.click(within(form).getByRole('button', { name: 'Remove Variant 2' }));
    expect(latest()).toEqual({ success: true, value: { variants: [variants[0], variants[1]] } });
  });

  it('edits name → value records', async () => {
    const user = userEvent.setup();
    const updateProfile = journeyNodeTypes.find((type) => type.type === 'updateProfile')!.settingsSchema;
    const { form, latest } = renderForm(updateProfile, {});
    const set = within(form).getByRole('group', { name: 'Set traits' });
    await user.click(within(set).getByRole('button', { name: 'Add trait' }));
    await user.type(within(set).getByLabelText('Trait 1 name'), 'plan');
    await user.type(within(set).getByLabelText('Trait 1 value'), 'pro');
    expect(latest()).toEqual({ success: true, value: { set: { plan: 'pro' } } });
  });

  it('adds and removes optional groups and clears optional text to absent', async () => {
    const user = userEvent.setup();
    const schema = z.object({ name: z.string().min(1).optional(), window: z.object({ days: z.number().int().min(1) }).optional() });
    const { form, latest } = renderForm(schema, {});
    await user.click(within(form).getByRole('button', { name: 'Add window' }));
    expect(latest()?.value).toEqual({ window: { days: 1 } });
    await user.click(within(form).getByRole('button', { name: 'Remove window' }));
    expect(latest()?.value).toEqual({});
    await user.type(within(form).getByLabelText(/Name/), 'a');
    await user.clear(within(form).getByLabelText(/Name/));
    expect(latest()).toEqual({ success: true, value: {} });
  });

  it('uses descriptions as hints and shows problems passed in from elsewhere', () => {
    const schema = z.object({ name: z.string().describe('Who or what uses the key') });
    renderForm(schema, { name: 'x' }, { errors: [{ path: ['name'], message: 'already taken' }] });
    const input = screen.getByLabelText('Name');
    expect(input).toHaveAccessibleDescription('Who or what uses the key already taken');
    expect(input).toHaveAttribute('aria-invalid', 'true');
  });

  it('disables every control when read only', () => {
    const delay = journeyNodeTypes.find((type) => type.type === 'delay')!.settingsSchema;
    render(<SchemaForm schema={delay} value={initialValueOf(delay)} onChange={() => undefined} readOnly label="Delay" />);
    for (const control of controlsIn(screen.getByRole('group', { name: 'Delay' }))) expect(control).toBeDisabled();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
