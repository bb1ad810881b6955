/**
 * Reads gist.github.com pages through GIST_SELECTORS: who is signed in, the new-gist form's
 * fields, and a created gist's file text. Returns null rather than guessing when the page does not
 * have exactly the structure the helper knows.
 */
import { CODE_MIRROR_5_INPUTS, GIST_SELECTORS as S } from './selectors.js'

/** GitHub logins: letters, digits and single hyphens, at most 39 characters. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/

/** The signed-in login (meta user-login on a body.logged-in page), or null when nobody is signed in. */
export function readSignedInLogin(doc: Document): string | null {
  if (!doc.querySelector(S.loggedInBody.css)) return null
  const login = doc.querySelector(S.userLogin.css)?.getAttribute('content')?.trim() ?? ''
  return LOGIN.test(login) ? login : null
}

/** True for a syntactically valid GitHub login. */
export function isGithubLogin(value: string): boolean {
  return LOGIN.test(value)
}

/**
 * The editor the page put over the content field, if any (platforms.md §2.4). `input` is where the
 * editor takes typed text: CodeMirror 6's content element; CodeMirror 5's contenteditable lines
 * (GitHub's gist editor since at least 2021) or, in its older input style, its hidden textarea.
 * The form's own textarea is then hidden and written only on submit.
 */
export type ContentEditor =
  | { kind: 'codemirror6'; input: HTMLElement }
  | { kind: 'codemirror5'; root: HTMLElement; input: HTMLElement }
  | { kind: 'textarea' }

export type NewGistForm = {
  form: HTMLFormElement
  description: HTMLInputElement
  fileName: HTMLInputElement
  content: HTMLTextAreaElement
  editor: ContentEditor
  publicRadio: HTMLInputElement
  /** Every control that would create the gist. */
  createButtons: HTMLElement[]
}

/** The new-gist form with exactly one file, or null (no form, several files, a field missing). */
export function findNewGistForm(doc: Document): NewGistForm | null {
  const forms = doc.querySelectorAll<HTMLFormElement>(S.newGistForm.css)
  const [form] = forms
  if (forms.length !== 1 || !form) return null
  if (form.querySelectorAll(S.fileBlock.css).length > 1) return null
  const description = only<HTMLInputElement>(form, S.description.css)
  const fileName = only<HTMLInputElement>(form, S.fileName.css)
  const content = only<HTMLTextAreaElement>(form, S.fileContent.css)
  const publicRadio = only<HTMLInputElement>(form, S.publicRadio.css)
  if (!description || !fileName || !content || !publicRadio) return null
  const createButtons = [...form.querySelectorAll<HTMLElement>(S.createButton.css)]
  return { form, description, fileName, content, editor: editorOf(form), publicRadio, createButtons }
}

function editorOf(form: HTMLFormElement): ContentEditor {
  const cm6 = form.querySelector<HTMLElement>(S.codeMirror6.css)
  if (cm6) return { kind: 'codemirror6', input: cm6 }
  const cm5 = form.querySelector<HTMLElement>(S.codeMirror5.css)
  const input = cm5?.querySelector<HTMLElement>(CODE_MIRROR_5_INPUTS)
  if (cm5 && input) return { kind: 'codemirror5', root: cm5, input }
  return { kind: 'textarea' }
}

/** The text of the gist file named `fileName` on a created gist page, or null when there is no such file. */
export function readGistFile(doc: Document, fileName: string): string | null {
  for (const file of doc.querySelectorAll(S.gistFile.css)) {
    const name = file.querySelector(S.gistFileName.css)?.textContent?.trim()
    if (name !== fileName) continue
    const lines = [...file.querySelectorAll(S.gistFileLine.css)].map((cell) => lineText(cell))
    return lines.length === 0 ? null : lines.join('\n')
  }
  return null
}

/** A rendered line's text; GitHub renders an empty line as a lone "\n". */
function lineText(cell: Element): string {
  const text = cell.textContent ?? ''
  return text === '\n' ? '' : text
}

function only<T extends Element>(root: ParentNode, css: string): T | null {
  const found = root.querySelectorAll<T>(css)
  return found.length === 1 ? (found[0] ?? null) : null
}
