/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { invalid, mockApi, type Call } from '../segments/testing/mockApi';
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

type PreviewBody = { template: { subject: string; html: string }; learnerId?: string; sample?: object; locale?: string };

/** The preview API as far as these tests need it: the learner's first name put where the template asks for it. */
const renderPreview = (body: unknown) => {
  const { template, learnerId } = body as PreviewBody;
  const name = learnerId === 'l-ada' ? 'Ada' : 'friend';
  const fill = (liquid: string) => liquid.replaceAll('{{ learner.firstName }}', name);
  return { body: { subject: fill(template.subject), html: fill(template.html), text: fill(template.html).replace(/<[^>]+>/g, ''), warnings: [] } };
};
const previewCalls = (calls: Call[]) => calls.filter((call) => call.url === '/api/templates/preview');

describe('template editor', () => {
  it('inserts a token at the cursor, previews the unsaved edits once typing pauses for a chosen learner in a sandboxed frame, and saves', async () => {
    const user = userEvent.setup();
    let stored = template(1, '<p>Welcome!</p>');
    const calls = mockApi({
      'GET /api/templates/welcome': () => ({ body: { template: stored } }),
      'PUT /api/templates/welcome': (body) => {
        stored = { ...template(2, (body as { html: string }).html, (body as { subject: string }).subject) };
        return { body: { template: stored, warnings: [] } };
      },
      'POST /api/templates/preview': renderPreview,
      'GET /api/segments/known-names': () => ({ body: { events: ['Enrolled'], traits: ['company', 'firstName'] } }),
      'GET /api/learners': () => ({ body: { learners: [ada] } }),
      'GET /api/learners/ada': () => ({ status: 404, body: { error: { code: 'not_found', message: 'Learner ada not found' } } }),
    });
    render(<TemplateScreen templateId="welcome" />);

    const subject = await screen.findByLabelText('Subject');
    expect(await screen.findByTestId('preview-subject')).toHaveTextContent('Hello there');
    // Traits the workspace knows (GET /api/segments/known-names) are offered as tokens.
    expect(await screen.findByRole('button', { name: 'Insert learner.company' })).toBeInTheDocument();
    // The caret after "Hello " (before "there"): the token goes there, replacing nothing.
    await user.click(subject);
    (subject as HTMLInputElement).setSelectionRange(6, 6);
    await user.click(screen.getByRole('button', { name: 'Insert learner.firstName' }));
    expect(subject).toHaveValue('Hello {{ learner.firstName }}there');
    expect(subject).toHaveFocus();
    expect((subject as HTMLInputElement).selectionStart).toBe(6 + '{{ learner.firstName }}'.length);
    // The preview follows the edit without a save.
    await waitFor(() => expect(screen.getByTestId('preview-subject')).toHaveTextContent('Hello friendthere'));
    expect(calls.some((call) => call.method === 'PUT')).toBe(false);

    // Typing is previewed once it pauses, not once per key.
    const before = previewCalls(calls).length;
    await user.type(screen.getByLabelText('HTML'), ' See you soon.');
    await waitFor(() => expect(screen.getByTitle('Email preview')).toHaveAttribute('srcdoc', '<p>Welcome!</p> See you soon.'));
    expect(previewCalls(calls).length - before).toBeLessThanOrEqual(2);

    // Choosing a learner to preview for adds their own traits to the tokens and renders for them.
    await user.type(screen.getByLabelText('Preview for learner'), 'ada');
    await user.click(await screen.findByRole('button', { name: /Ada/ }));
    expect(await screen.findByRole('button', { name: 'Insert learner.favouriteCourse' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('preview-subject')).toHaveTextContent('Hello Adathere'));
    const frame = screen.getByTitle('Email preview');
    expect(frame).toHaveAttribute('sandbox', '');
    expect(previewCalls(calls).at(-1)!.body).toEqual({ template: { subject: 'Hello {{ learner.firstName }}there', html: '<p>Welcome!</p> See you soon.' }, learnerId: 'l-ada' });

    await user.click(screen.getByRole('button', { name: 'Save new version' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved version 2');
    expect(calls.find((call) => call.method === 'PUT')!.body).toEqual({ name: 'Welcome', subject: 'Hello {{ learner.firstName }}there', html: '<p>Welcome!</p> See you soon.' });
    // The per-template preview of saved versions is not what the editor uses any more.
    expect(calls.some((call) => call.url === '/api/templates/welcome/preview')).toBe(false);
  });

  it('shows a Liquid syntax error from the live preview on its field and line before any save', async () => {
    const user = userEvent.setup();
    mockApi({
      'GET /api/templates/welcome': () => ({ body: { template: template(1, '<p>Welcome!</p>') } }),
      'POST /api/templates/preview': (body) =>
        // An output tag that never closes, as Liquid would refuse it.
        /\{\{(?![^}]*\}\})/.test((body as PreviewBody).template.html)
          ? invalid([{ path: ['template', 'html'], message: 'line 2, column 4: output "{{ learner.firstName" not closed', line: 2, column: 4 }])
          : renderPreview(body),
    });
    render(<TemplateScreen templateId="welcome" />);
    expect(await screen.findByTestId('preview-subject')).toHaveTextContent('Hello there');
    const html = screen.getByLabelText('HTML');
    await user.clear(html);
    // user-event reads braces as key descriptors; doubled they are typed as text.
    await user.type(html, '<p>Hi</p>\n<p>{{{{ learner.firstName</p>');
    await waitFor(() => expect(html).toHaveAttribute('aria-invalid', 'true'));
    expect(html).toHaveAccessibleDescription(/line 2, column 4: output "\{\{ learner.firstName" not closed/);
    expect(within(screen.getByRole('alert', { name: 'Preview problems' })).getByText('html')).toBeInTheDocument();
    expect(within(screen.getByRole('tab', { name: /Default/ })).getByLabelText('1 problems')).toBeInTheDocument();
    // Fixed, the problem goes and the preview comes back.
    await user.clear(html);
    await user.type(html, '<p>Hi again</p>');
    await waitFor(() => expect(html).not.toHaveAttribute('aria-invalid'));
    expect(await screen.findByTestId('preview-subject')).toHaveTextContent('Hello there');
  });

  it('previews a new template once it has a subject and HTML', async () => {
    const user = userEvent.setup();
    const calls = mockApi({ 'POST /api/templates/preview': renderPreview });
    render(<TemplateScreen templateId="new" />);
    expect(screen.getByText('Write a subject and HTML to see the preview.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Subject'), 'Hi');
    await user.type(screen.getByLabelText('HTML'), '<p>New</p>');
    expect(await screen.findByTestId('preview-subject')).toHaveTextContent('Hi');
    expect(previewCalls(calls).at(-1)!.body).toEqual({ template: { subject: 'Hi', html: '<p>New</p>' }, sample: {} });
  });

  it('mails a test of the content as edited to the address given, and shows a refused address or a missing mail server', async () => {
    const user = userEvent.setup();
    let mailServer = true;
    const calls = mockApi({
      'GET /api/templates/welcome': () => ({ body: { template: template(1, '<p>Welcome!</p>') } }),
      'POST /api/templates/preview': renderPreview,
      'POST /api/templates/test-send': (body) => {
        const { to, template: content } = body as { to: string; template: { subject: string } };
        if (!to.includes('@')) return invalid([{ path: ['to'], message: 'Invalid email address' }]);
        if (!mailServer) return { status: 503, body: { error: { code: 'not_ready', message: 'Test sends need a mail server, and this API process has none configured (SMTP_URL).' } } };
        return { body: { to, subject: `[Test] ${content.subject}`, warnings: [] } };
      },
    });
    render(<TemplateScreen templateId="welcome" />);
    await screen.findByTestId('preview-subject');
    const send = screen.getByRole('button', { name: 'Send test' });
    expect(send).toBeDisabled();
    const address = screen.getByLabelText('Test address');

    await user.type(address, 'me');
    await user.click(send);
    await waitFor(() => expect(address).toHaveAttribute('aria-invalid', 'true'));
    expect(address).toHaveAccessibleDescription('Invalid email address');

    await user.clear(screen.getByLabelText('Subject'));
    await user.type(screen.getByLabelText('Subject'), 'Draft subject');
    await user.type(address, '@example.com');
    await user.click(send);
    expect(await screen.findByText('Sent a test to me@example.com: “[Test] Draft subject”.')).toBeInTheDocument();
    expect(address).not.toHaveAttribute('aria-invalid');
    expect(calls.filter((call) => call.url === '/api/templates/test-send').at(-1)!.body).toEqual({ to: 'me@example.com', template: { subject: 'Draft subject', html: '<p>Welcome!</p>' }, sample: {} });

    mailServer = false;
    await user.click(send);
    expect(await screen.findByRole('alert', { name: 'Test send problems' })).toHaveTextContent(/needs? a mail server/);
  });

  it('shows a Liquid syntax error on its field and line, in a locale tab it adds', async () => {
    const user = userEvent.setup();
    mockApi({
      'GET /api/templates/welcome': () => ({ body: { template: template(1, '<p>Welcome!</p>') } }),
      'POST /api/templates/preview': renderPreview,
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
