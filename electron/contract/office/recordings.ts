/** Back-office handlers of the recordings area (electron/hub/office/recordings.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the area
export interface RecordingsHandlers {}
