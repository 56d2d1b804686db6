import type { SendCheck } from '../pipeline';

/** A message needs somewhere to go: an email address not known to be bad, or a webhook URL. */
export const addressCheck: SendCheck = {
  async check({ request, traits }) {
    if (request.channel === 'webhook') return request.webhookUrl ? undefined : { skip: 'no webhook URL' };
    if (typeof traits.email !== 'string' || traits.email === '') return { skip: 'no email address' };
    if (traits.emailStatus === 'invalid' || traits.emailStatus === 'undeliverable') return { skip: `email address is ${traits.emailStatus}` };
    return undefined;
  },
};
