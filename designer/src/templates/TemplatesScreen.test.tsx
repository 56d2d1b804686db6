/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { invalid, mockApi } from '../segments/testing/mockApi';
import { insertAt } from './tokens';
import { TemplateScreen } from './TemplatesScreen';

const template = (version: number, html: string, subject = 'Hello there') => ({
  id: 'welcome',
  name: 'Welcome',
  subject,
  html,
  version,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});

const ada = { learnerId: 'l-ada', userId: 'u-1', emails: ['ada@example.com'], anonymousIds: [], groups: [], traits: { firstName: 'Ada', favouriteCourse: 'Analytical Engines' }, traitsUpdatedAt: {}, mergedLearnerIds: [], createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' };

describe('template editor', () => {
  it('inserts a token at the cursor, saves, and previews the saved version for a chosen learner in a sandboxed frame', async () => {
    const user = userEvent.setup();
    let stored = template(1, '<p>Welcome!</p>');
    const calls = mockApi({
      'GET /api/templates/welcome': () => ({ body: { template: stored } }),
      'PUT /api/templates/welcome': (body) => {
        stored = { ...template(2, (body as { html: string }).html, (body as { subject: string }).subject) };
        return { body: { template: stored, warnings: [] } };
      },
      'POST /api/templates/welcome/preview': (body) => {
        const { learnerId, version } = body as { learnerId?: string; version: number };
        const name = learnerId === 'l-ada' ? 'Ada' : 'there';
        return { body: { subject: `Hello ${name}`, html: `<p>Welcome, ${name}!</p>`, text: `Welcome, ${name}!`, version, warnings: [] } };
      },
      'GET /api/learners': () => ({ body: { learners: [ada] } }),
      'GET /api/learners/ada': () => ({ status: 404, body: { error: { code: 'not_found', message: 'Learner ada not found' } } }),
    });
    render(<TemplateScreen templateId="welcome" />);

    const subject = await screen.findByLabelText('Subject');
    expect(await screen.findByTestId('preview-subject')).toHaveTextContent('Hello there');
    // The caret after "Hello " (before "there"): the token goes there, replacing nothing.
    await user.click(subject);
    (subject as HTMLInputElement).setSelectionRange(6, 6);
    await user.click(screen.getByRole('button', { name: 'Insert learner.firstName' }));
    expect(subject).toHaveValue('Hello {{ learner.firstName }}there');
    expect(subject).toHaveFocus();
    expect((subject as HTMLInputElement).selectionStart).toBe(6 + '{{ learner.firstName }}'.length);

    // Choosing a learner to preview for adds their own traits to the tokens.
    await user.type(screen.getByLabelText('Preview for learner'), 'ada');
    await user.click(await screen.findByRole('button', { name: /Ada/ }));
    expect(await screen.findByRole('button', { name: 'Insert learner.favouriteCourse' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save new version' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved version 2');
    expect(calls.find((call) => call.method === 'PUT')!.body).toEqual({ name: 'Welcome', subject: 'Hello {{ learner.firstName }}there', html: '<p>Welcome!</p>' });

    await waitFor(() => expect(screen.getByTestId('preview-subject')).toHaveTextContent('Hello Ada'));
    const frame = screen.getByTitle('Email preview');
    expect(frame).toHaveAttribute('sandbox', '');
    expect(frame).toHaveAttribute('srcdoc', '<p>Welcome, Ada!</p>');
    expect(calls.filter((call) => call.url === '/api/templates/welcome/preview').at(-1)!.body).toEqual({ learnerId: 'l-ada', version: 2 });
  });

  it('shows a Liquid syntax error on its field and line, in a locale tab it adds', async () => {
    const user = userEvent.setup();
    mockApi({
      'GET /api/templates/welcome': () => ({ body: { template: template(1, '<p>Welcome!</p>') } }),
      'POST /api/templates/welcome/preview': () => ({ body: { subject: 'Hello there', html: '<p>Welcome!</p>', text: 'Welcome!', version: 1, warnings: [] } }),
      'PUT /api/templates/welcome': () => invalid([{ path: ['locales', 'fr', 'html'], message: 'line 2, column 4: output "{{ learner.firstName" not closed', line: 2, column: 4 }]),
    });
    render(<TemplateScreen templateId="welcome" />);
    await user.type(await screen.findByLabelText('New locale'), 'fr');
    await user.click(screen.getByRole('button', { name: 'Add locale' }));
    expect(screen.getByRole('tab', { name: 'fr' })).toHaveAttribute('aria-selected', 'true');
    const html = screen.getByLabelText('HTML');
    expect(html).toHaveValue('<p>Welcome!</p>');
    await user.clear(html);
    // user-event reads braces as key descriptors; doubled they are typed as text.
    await user.type(html, '<p>Bienvenue</p>\n<p>{{{{ learner.firstName</p>');
    await user.click(screen.getByRole('button', { name: 'Save new version' }));
    await waitFor(() => expect(html).toHaveAttribute('aria-invalid', 'true'));
    expect(html).toHaveAccessibleDescription(/line 2, column 4: output "\{\{ learner.firstName" not closed/);
    expect(within(screen.getByRole('tab', { name: /fr/ })).getByLabelText('1 problems')).toBeInTheDocument();
  });

  it('puts a token in place of the selection', () => {
    expect(insertAt('Hi NAME!', '{{ learner.firstName }}', 3, 7)).toEqual({ text: 'Hi {{ learner.firstName }}!', caret: 26 });
  });
});
