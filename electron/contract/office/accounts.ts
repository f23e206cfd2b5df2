/** Back-office handlers of the accounts area (electron/hub/office/accounts.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the area
export interface AccountsHandlers {}
