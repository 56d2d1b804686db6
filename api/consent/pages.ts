import type { LearnerConsentView } from '../../domain/messages/consent';

/** Server-rendered pages learners reach from their email: plain HTML forms, no script, one stylesheet inline. */

export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const styles = `
  :root { color-scheme: light; }
  body { margin: 0; font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #18181b; background: #f4f4f5; }
  main { max-width: 36rem; margin: 2rem auto; padding: 1.5rem 1.75rem; background: #fff; border: 1px solid #d4d4d8; border-radius: 8px; }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; }
  fieldset { border: 1px solid #d4d4d8; border-radius: 6px; margin: 0 0 1.25rem; padding: 0.75rem 1rem; }
  legend { font-weight: 600; padding: 0 0.25rem; }
  .choice { display: grid; grid-template-columns: auto 1fr; column-gap: 0.75rem; align-items: start; padding: 0.5rem 0; }
  .choice input { width: 1.35rem; height: 1.35rem; margin: 0.15rem 0 0; accent-color: #1d4ed8; }
  .choice label { font-weight: 500; cursor: pointer; }
  .hint { grid-column: 2; margin: 0.15rem 0 0; color: #52525b; font-size: 0.95rem; }
  .status { padding: 0.75rem 1rem; margin: 0 0 1rem; border-radius: 6px; background: #ecfdf5; border: 1px solid #047857; color: #064e3b; }
  button { font: inherit; font-weight: 600; padding: 0.6rem 1.25rem; border-radius: 6px; border: 2px solid #1d4ed8; background: #1d4ed8; color: #fff; cursor: pointer; }
  button:hover { background: #1e40af; border-color: #1e40af; }
  a { color: #1d4ed8; }
  a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #f59e0b; outline-offset: 3px; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${styles}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

const status = (message: string | undefined) => (message ? `<p class="status" role="status">${escapeHtml(message)}</p>` : '');

export function preferencesPage(consent: LearnerConsentView, options: { message?: string } = {}): string {
  const topics = consent.topics
    .map((topic) => {
      const id = `topic-${topic.topic}`;
      const hints = [topic.status === 'pending' ? 'Waiting for you to confirm by email; ticking the box here confirms it.' : ''].filter(Boolean);
      return `<div class="choice">
<input type="checkbox" id="${id}" name="topic" value="${escapeHtml(topic.topic)}"${topic.status === 'opted_in' ? ' checked' : ''}${hints.length ? ` aria-describedby="${id}-hint"` : ''}>
<label for="${id}">${escapeHtml(topic.name)}</label>
${hints.length ? `<p class="hint" id="${id}-hint">${escapeHtml(hints.join(' '))}</p>` : ''}
</div>`;
    })
    .join('\n');
  return page(
    'Email preferences',
    `${status(options.message)}
<form method="post">
<input type="hidden" name="form" value="preferences">
<fieldset>
<legend>Emails you want from us</legend>
${topics}
</fieldset>
<fieldset>
<legend>All marketing email</legend>
<div class="choice">
<input type="checkbox" id="unsubscribe-all" name="unsubscribe_all" value="yes"${consent.unsubscribedFromAll ? ' checked' : ''} aria-describedby="unsubscribe-all-hint">
<label for="unsubscribe-all">Unsubscribe from all marketing email</label>
<p class="hint" id="unsubscribe-all-hint">Overrides the choices above. You will still get emails about your account and purchases.</p>
</div>
</fieldset>
<button type="submit">Save preferences</button>
</form>`,
  );
}

/** GET on an unsubscribe link: asks, changes nothing (mail scanners follow links). */
export function unsubscribeConfirmPage(what: string, preferencesUrl: string): string {
  return page(
    'Unsubscribe',
    `<p>Stop receiving ${escapeHtml(what)}?</p>
<form method="post">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button>
</form>
<p><a href="${escapeHtml(preferencesUrl)}">Choose which emails you get instead</a></p>`,
  );
}

export function unsubscribedPage(what: string, preferencesUrl: string): string {
  return page('You are unsubscribed', `${status(`You will no longer receive ${what}.`)}<p><a href="${escapeHtml(preferencesUrl)}">Manage your email preferences</a></p>`);
}

export function confirmedPage(topicName: string, preferencesUrl: string): string {
  return page('Subscription confirmed', `${status(`Thank you: you are subscribed to ${topicName}.`)}<p><a href="${escapeHtml(preferencesUrl)}">Manage your email preferences</a></p>`);
}

/** Every bad link — forged, altered, expired, wrong purpose, learner gone — gets this same page. */
export function invalidLinkPage(): string {
  return page('Link not valid', '<p>This link is not valid or has expired. If you followed it from an email, use the newest email you received from us.</p>');
}

export function incompleteFormPage(): string {
  return page('Nothing was changed', '<p>The form arrived incomplete, so nothing was changed. Please go back and try again.</p>');
}
