/**
 * Stops the new-gist form from creating anything (the page shows another account than the one
 * being bound). Capture-phase listeners on the window run before the page's own handlers, and
 * cancel both a click on a create button and the submit event (which also catches Enter in a field
 * and requestSubmit()). Buttons stay enabled so the user's click reaches us and the banner can say why.
 * The block lasts as long as the page: the flow has failed, and a new one starts on a fresh page.
 */

/** Blocks creation from `form` for the page's life; `onBlocked` runs on every refused attempt. */
export function blockCreate(form: HTMLFormElement, onBlocked: () => void): void {
  const view = form.ownerDocument.defaultView
  if (!view) return
  const refuse = (event: Event) => {
    event.preventDefault()
    event.stopImmediatePropagation()
    onBlocked()
  }
  view.addEventListener(
    'click',
    (event) => {
      const control = event.target instanceof Element ? event.target.closest('button, input') : null
      if (control && isCreateControl(control, form)) refuse(event)
    },
    { capture: true },
  )
  view.addEventListener(
    'submit',
    (event) => {
      if (event.target === form) refuse(event)
    },
    { capture: true },
  )
  for (const button of form.querySelectorAll('button, input[type="submit"]')) {
    if (isCreateControl(button, form)) button.setAttribute('aria-disabled', 'true')
  }
}

/** A control that submits `form`: a submit button inside it or pointing at it with `form=`. */
function isCreateControl(control: Element, form: HTMLFormElement): boolean {
  if (!(control instanceof HTMLButtonElement || control instanceof HTMLInputElement)) return false
  return control.type === 'submit' && control.form === form
}
