import { UndeliverableMessageError, type ChannelDelivery } from '../pipeline';

/** The webhook channel (POST JSON with an HMAC signature). */
export function webhookChannel(): ChannelDelivery {
  return {
    async deliver() {
      throw new UndeliverableMessageError('the webhook channel is not available yet');
    },
  };
}
