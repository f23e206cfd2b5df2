/** Back-office handlers of the decision area (electron/hub/office/decision.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the area
export interface DecisionHandlers {}
