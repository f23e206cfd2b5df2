/** Back-office handlers of the stations area (electron/hub/office/stations.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the area
export interface StationsHandlers {}
