/**
 * MQTT topic-filter matching (MQTT 5 §4.7), so the source can tell which of its subscriptions a
 * message came in on: the broker does not say, and a subscription that silently stops delivering
 * is only visible per subscription (source/subscription-watch.ts).
 */

/** The filter a `$share/{group}/{filter}` subscription applies (the filter itself otherwise). */
export function filterOfSubscription(subscription: string): string {
  if (!subscription.startsWith('$share/')) return subscription;
  const rest = subscription.slice('$share/'.length);
  const slash = rest.indexOf('/');
  return slash < 0 ? rest : rest.slice(slash + 1);
}

/** Whether a topic matches a filter with `+` (one level) and a trailing `#` (any remaining levels). */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  // Wildcards at the first level never match topics starting with `$` ($SYS/...).
  if (topic.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false;
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}
