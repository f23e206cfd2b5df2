/** Back-office handlers of the queue area (electron/hub/office/queue.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the area
export interface QueueHandlers {}
