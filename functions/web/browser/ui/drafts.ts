/**
 * Half-filled forms kept across the end of a session (docs/ADMINISTRATION.md, "Forms outlive a session"):
 * a form with a draft key writes its values to sessionStorage as they are typed, so when the token
 * expires or is refused and the person signs in again — a round trip to the issuer in this same tab —
 * the form opens with what they had typed. sessionStorage is this tab's only: another tab or a closed
 * tab keeps nothing. A deliberate sign-out drops every draft (a shared computer keeps no one's typing).
 */
const PREFIX = 'complaints.draft.';

export function readDraft(key: string): Record<string, string> | undefined {
  try {
    const text = window.sessionStorage.getItem(PREFIX + key);
    if (!text) return undefined;
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object') return undefined;
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return undefined;
  }
}

export function writeDraft(key: string, values: Record<string, string> | null): void {
  try {
    const filled = values && Object.values(values).some((v) => v.trim() !== '');
    if (filled) window.sessionStorage.setItem(PREFIX + key, JSON.stringify(values));
    else window.sessionStorage.removeItem(PREFIX + key);
  } catch {
    // Private mode: nothing is kept.
  }
}

export function dropAllDrafts(): void {
  try {
    const keys = Array.from({ length: window.sessionStorage.length }, (_, i) => window.sessionStorage.key(i) ?? '');
    for (const key of keys) if (key.startsWith(PREFIX)) window.sessionStorage.removeItem(key);
  } catch {
    // nothing kept
  }
}
