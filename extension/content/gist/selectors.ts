/**
 * Every gist.github.com selector the gist helper uses (platforms.md §2), each beside the number of
 * elements it must match on the saved pages in e2e/fixtures/github/ (new-gist form signed in,
 * created gist page, signed-out page). selectors.test.ts checks those counts, so a markup change
 * GitHub makes shows up as one failing row here, not as a helper that silently does nothing.
 * GitHub changes its markup without notice: where PLATFORMS.md marks a marker UNCONFIRMED, a
 * fallback follows it in the same selector list.
 */

export type PageFixture = 'newGist' | 'gist' | 'signedOut'

export type GistSelector = { css: string; counts: Record<PageFixture, number> }

export const GIST_SELECTORS = {
  /** platforms.md §2.5 refined-github getLoggedInUser: `content` is the login; present (maybe empty) when signed out. */
  userLogin: { css: 'meta[name="user-login"]', counts: { newGist: 1, gist: 1, signedOut: 1 } },
  /** platforms.md §2.5 isLoggedIn. */
  loggedInBody: { css: 'body.logged-in', counts: { newGist: 1, gist: 1, signedOut: 0 } },
  /** platforms.md §2.2: the id (saved pages 2021, 2024), or the class with the action it posts to (`/`; `/gists` before). */
  newGistForm: {
    css: 'form#new_gist, form.js-blob-form[action="/"], form.js-blob-form[action="/gists"]',
    counts: { newGist: 1, gist: 0, signedOut: 0 },
  },
  description: { css: 'input[name="gist[description]"]', counts: { newGist: 1, gist: 0, signedOut: 0 } },
  /** One block per file; a second one means the user added files: the helper then stays out of the way. */
  fileBlock: { css: '.js-gist-file', counts: { newGist: 1, gist: 0, signedOut: 0 } },
  fileName: { css: 'input[name="gist[contents][][name]"]', counts: { newGist: 1, gist: 0, signedOut: 0 } },
  fileContent: { css: 'textarea[name="gist[contents][][value]"]', counts: { newGist: 1, gist: 0, signedOut: 0 } },
  /** platforms.md §2.3: value 1 = public, 0 = secret. */
  publicRadio: {
    css: 'input[type="radio"][name="gist[public]"][value="1"]',
    counts: { newGist: 1, gist: 0, signedOut: 0 },
  },
  secretRadio: {
    css: 'input[type="radio"][name="gist[public]"][value="0"]',
    counts: { newGist: 1, gist: 0, signedOut: 0 },
  },
  /** Every control that creates the gist: the primary button, or refined-github's one-click buttons. */
  createButton: {
    css: 'button[type="submit"], input[type="submit"], button:not([type])',
    counts: { newGist: 1, gist: 0, signedOut: 0 },
  },
  /** platforms.md §2.4: a CodeMirror 6 editor over the field (none on the fixture: the plain textarea is used). */
  codeMirror6: { css: '.cm-content[contenteditable="true"]', counts: { newGist: 0, gist: 0, signedOut: 0 } },
  /** platforms.md §2.4: a CodeMirror 5 editor; its hidden textarea takes typed input, its lines show the text. */
  codeMirror5: { css: '.CodeMirror', counts: { newGist: 0, gist: 0, signedOut: 0 } },
  /** The created gist page: one box per file. */
  gistFile: { css: '.gist-content .file', counts: { newGist: 0, gist: 1, signedOut: 0 } },
  gistFileName: { css: '.gist-blob-name', counts: { newGist: 0, gist: 1, signedOut: 0 } },
  /** One cell per line of the file's text (the proof document has 11 lines). */
  gistFileLine: { css: 'td.js-file-line, td.blob-code', counts: { newGist: 0, gist: 11, signedOut: 0 } },
} as const satisfies Record<string, GistSelector>

/** Inside a CodeMirror 6 editor: one element per line. */
export const CODE_MIRROR_6_LINE = '.cm-line'
/**
 * Inside a CodeMirror 5 editor: where it takes input — its contenteditable lines (input style
 * "contenteditable", GitHub's) or its hidden textarea (style "textarea") — and its rendered lines.
 */
export const CODE_MIRROR_5_INPUTS = '.CodeMirror-code[contenteditable="true"], textarea'
export const CODE_MIRROR_5_LINE = '.CodeMirror-code pre.CodeMirror-line'
/** A rendered line, looked up inside the contenteditable lines element itself. */
export const CODE_MIRROR_5_LINE_IN = 'pre.CodeMirror-line'
