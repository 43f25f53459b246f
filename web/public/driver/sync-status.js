/** What the sync badge says: whether the tablet is online and how many events wait to be sent. */

/** @param {number} n */
const events = (n) => (n === 1 ? '1 gebeurtenis wacht' : `${n} gebeurtenissen wachten`);

/**
 * @param {{ online: boolean, pending: number, serverUnreachable: boolean }} s
 * @returns {{ text: string, level: 'ok' | 'pending' | 'offline' }}
 */
export function syncStatus({ online, pending, serverUnreachable }) {
  if (!online) return { text: `Offline · ${pending ? events(pending) : 'alles verstuurd'}`, level: 'offline' };
  if (serverUnreachable) return { text: `Server niet bereikbaar · ${events(pending)}`, level: 'offline' };
  if (pending) return { text: `Versturen · ${events(pending)}`, level: 'pending' };
  return { text: 'Online · alles verstuurd', level: 'ok' };
}
