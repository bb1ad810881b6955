/**
 * Fills the new-gist form with the proof file and reads back what the form will submit
 * (platforms.md §2.2–2.4). Values go in through the page's own input path (value + input event on
 * plain fields, insertText on an editor) so the page's scripts see a user's edit, not a silent
 * DOM change they would overwrite. An editor's text is read back from what it shows — its
 * rendered lines — because it writes the hidden textarea only on submit: a fill the editor did
 * not take leaves its lines as they were (or the browser's own markup, not the editor's lines),
 * and is never reported as filled.
 */
import type { PublishTask } from '../../messaging/catalogue.js'
import type { ContentEditor, NewGistForm } from './gist-dom.js'
import { CODE_MIRROR_5_LINE, CODE_MIRROR_5_LINE_IN, CODE_MIRROR_6_LINE } from './selectors.js'

/** The gist's description: it shows in listings and search results. */
export const PROOF_DESCRIPTION = 'Next.ID proof'

/** What the form holds now, as it would be submitted. */
export type FormReadBack = { description: string; fileName: string; content: string; isPublic: boolean }

/** Waits for an editor between steps; tests pass a shorter one. */
export type Pause = (milliseconds: number) => Promise<void>

const pause: Pause = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds))

// CodeMirror 5 reads the DOM selection on a poll (every 100 ms by default) and re-renders its lines
// after an edit: the helper waits past both before it types and before it reads back.
const EDITOR_SETTLE_MS = 250

/** Fills description, file name, content and "public"; answers the read-back and whether it is exactly the task. */
export async function fillNewGist(
  parts: NewGistForm,
  task: PublishTask,
  wait: Pause = pause,
): Promise<{ readBack: FormReadBack; filled: boolean }> {
  setField(parts.description, PROOF_DESCRIPTION)
  setField(parts.fileName, task.fileName)
  await setContent(parts, task.postText, wait)
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

async function setContent(parts: NewGistForm, text: string, wait: Pause): Promise<void> {
  const { editor } = parts
  if (editor.kind === 'textarea') {
    setField(parts.content, text)
    return
  }
  // An editor keeps its own state and writes it into the textarea on submit: type into the editor,
  // replacing everything the user had there, once the editor has seen the whole text selected.
  const { input } = editor
  const doc = input.ownerDocument
  // Without the browser's editing commands nothing can be typed; the read-back then says so.
  if (typeof doc.execCommand !== 'function') return
  input.focus()
  selectAllText(editor)
  await wait(EDITOR_SETTLE_MS)
  doc.execCommand('insertText', false, text)
  await wait(EDITOR_SETTLE_MS)
}

/**
 * Selects the editor's whole text as a user would. CodeMirror 5 in contenteditable mode maps the
 * DOM selection to its own from the nodes at its two ends, and GitHub's line numbers sit between
 * its lines as non-editable elements that "select all" stops at: the selection runs from the first
 * character of the first line to the last character of the last one.
 */
function selectAllText(editor: Exclude<ContentEditor, { kind: 'textarea' }>): void {
  const doc = editor.input.ownerDocument
  const lines = editor.kind === 'codemirror5' ? [...editor.input.querySelectorAll(CODE_MIRROR_5_LINE_IN)] : []
  const first = lines[0]
  const last = lines.at(-1)
  const selection = doc.getSelection()
  if (!first || !last || !selection || !editor.input.isContentEditable) {
    doc.execCommand('selectAll', false)
    return
  }
  const range = doc.createRange()
  const start = textNodes(first)[0]
  const end = textNodes(last).at(-1)
  if (start) range.setStart(start, 0)
  else range.setStart(first, 0)
  if (end) range.setEnd(end, end.data.length)
  else range.setEnd(last, last.childNodes.length)
  selection.removeAllRanges()
  selection.addRange(range)
}

function textNodes(root: Node): Text[] {
  const walker = root.ownerDocument?.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */)
  const found: Text[] = []
  while (walker?.nextNode()) found.push(walker.currentNode as Text)
  return found
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

/** The editor's text as it shows it, line by line; undefined for a plain textarea. */
function editorText(editor: ContentEditor): string | undefined {
  if (editor.kind === 'textarea') return undefined
  const [root, css] =
    editor.kind === 'codemirror6' ? [editor.input, CODE_MIRROR_6_LINE] : [editor.root, CODE_MIRROR_5_LINE]
  return [...root.querySelectorAll(css)].map((line) => lineText(line).replace(/\u200b/g, '')).join('\n')
}

/**
 * One rendered line's text. CodeMirror 5 draws a tab as spaces and keeps the character it stands
 * for in `cm-text` (a zero-width placeholder has cm-text=""); a <br> is the browser's line break
 * inside one line, which no editor renders — text typed past the editor reads back on one line.
 */
function lineText(node: Node): string {
  if (node.nodeType === node.TEXT_NODE) return (node as Text).data
  if (node.nodeType !== node.ELEMENT_NODE) return ''
  const stands = (node as Element).getAttribute('cm-text')
  if (stands !== null) return stands
  return [...node.childNodes].map(lineText).join('')
}

function stringOf(value: FormDataEntryValue | null): string {
  return typeof value === 'string' ? normalizeNewlines(value) : ''
}

/** Browsers submit textarea newlines as CRLF; the proof text is compared with LF. */
function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}
