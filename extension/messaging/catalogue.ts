/**
 * The typed message catalogue: one API per kind of caller. A method has the same name at both
 * ends; handlers are checked against these types with `satisfies Handlers<…>`.
 */

export type BackgroundStatus = {
  version: string
  ready: true
}

/** Methods the popup (and the full-tab page) may call on the background service worker. */
export type PopupApi = {
  getStatus: { params: undefined; result: BackgroundStatus }
}

export type ApiName = 'popup'

export type Method = { params: unknown; result: unknown }

export type Handlers<Api extends Record<string, Method>> = {
  [Name in keyof Api]: (params: Api[Name]['params']) => Promise<Api[Name]['result']>
}
