/**
 * Remembers, across the form's POST and the redirect to the new gist, that this tab's gist was
 * created from the helper's form for one flow. Only then is the gist page reported: opening an
 * older gist of the same owner (an earlier attempt, another tab) must not count as the proof.
 * sessionStorage is per tab and survives the navigation; the page could write it too, but the
 * background still checks the owner and the text, so a forged marker proves nothing.
 */

const KEY = 'nextid-companion:gist-created-for'

/** Marks the tab when `form` is submitted (the create buttons, Enter, requestSubmit) for `flowId`; for the page's life. */
export function markCreateOnSubmit(form: HTMLFormElement, flowId: string, storage: Storage): void {
  form.addEventListener('submit', () => storage.setItem(KEY, flowId), { capture: true })
}

/** True when this tab's last helper-filled form was submitted for `flowId`. */
export function wasCreatedFor(storage: Storage, flowId: string): boolean {
  return storage.getItem(KEY) === flowId
}

/** Forgets the mark once the gist was reported (a reload then stays silent). */
export function clearCreatedMark(storage: Storage): void {
  storage.removeItem(KEY)
}
