/** Back-office handlers of the reports area (electron/hub/office/reports.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the area
export interface ReportsHandlers {}
