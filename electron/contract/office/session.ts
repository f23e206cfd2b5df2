/** Back-office handlers of the session area (electron/hub/office/session.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the area
export interface SessionHandlers {}
