import type { PublicChannel } from '../shared/api/types.js';

/** The channel a citizen's submission comes through: WeChat's browser says so in its user agent. */
export function publicChannel(): PublicChannel {
  return /MicroMessenger/i.test(navigator.userAgent) ? 'wechat' : 'web';
}
