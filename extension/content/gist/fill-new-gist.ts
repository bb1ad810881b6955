/**
 * Fills the new-gist form with the proof file and reads back what the form will submit
 * (platforms.md §2.2–2.4). Values go in through the page's own input path (value + input event on
 * plain fields, insertText on an editor) so the page's scripts see a user's edit, not a silent
 * DOM change they would overwrite.
 */
import type { PublishTask } from '../../messaging/catalogue.js'
import type { ContentEditor, NewGistForm } from './gist-dom.js'
import { CODE_MIRROR_5_LINE, CODE_MIRROR_6_LINE } from './selectors.js'

/** The gist's description: it shows in listings and search results. */
export const PROOF_DESCRIPTION = 'Next.ID proof'

/** What the form holds now, as it would be submitted. */
export type FormReadBack = { description: string; fileName: string; content: string; isPublic: boolean }

/** Fills description, file name, content and "public"; answers the read-back and whether it is exactly the task. */
export function fillNewGist(parts: NewGistForm, task: PublishTask): { readBack: FormReadBack; filled: boolean } {
  setField(parts.description, PROOF_DESCRIPTION)
  setField(parts.fileName, task.fileName)
  setContent(parts, task.postText)
  choosePublic(parts.publicRadio)
  const readBack = readNewGist(parts)
  const filled = readBack.fileName === task.fileName && readBack.content === task.postText && readBack.isPublic
  return { readBack, filled }
}

/** What will be submitted: the form's own data, except the text of an editor that syncs on submit. */
export function readNewGist(parts: NewGistForm): FormReadBack {
  const data = new FormData(parts.form)
  return {
    description: stringOf(data.get('gist[description]')),
    fileName: stringOf(data.get('gist[contents][][name]')),
    content: editorText(parts.editor) ?? normalizeNewlines(parts.content.value),
    isPublic: data.get('gist[public]') === '1',
  }
}

function setField(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.value = value
  field.dispatchEvent(new Event('input', { bubbles: true }))
  field.dispatchEvent(new Event('change', { bubbles: true }))
}

function setContent(parts: NewGistForm, text: string): void {
  const { editor } = parts
  if (editor.kind === 'textarea') {
    setField(parts.content, text)
    return
  }
  // An editor keeps its own state and writes it into the textarea on submit: type into the editor.
  const target = editor.kind === 'codemirror6' ? editor.content : editor.input
  target.focus()
  const doc = target.ownerDocument
  doc.execCommand('selectAll', false)
  doc.execCommand('insertText', false, text)
}

function choosePublic(radio: HTMLInputElement): void {
  if (radio.checked) return
  // click() checks the radio and fires input/change like a user's choice, so the page relabels its button.
  radio.click()
  if (!radio.checked) {
    radio.checked = true
    radio.dispatchEvent(new Event('change', { bubbles: true }))
  }
}

/** The editor's text, line by line; undefined for a plain textarea. */
function editorText(editor: ContentEditor): string | undefined {
  if (editor.kind === 'textarea') return undefined
  const [root, css] =
    editor.kind === 'codemirror6' ? [editor.content, CODE_MIRROR_6_LINE] : [editor.root, CODE_MIRROR_5_LINE]
  return [...root.querySelectorAll(css)].map((line) => (line.textContent ?? '').replace(/\u200b/g, '')).join('\n')
}

function stringOf(value: FormDataEntryValue | null): string {
  return typeof value === 'string' ? normalizeNewlines(value) : ''
}

/** Browsers submit textarea newlines as CRLF; the proof text is compared with LF. */
function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}
