import type { outreachPlanId } from './outreach-plan.id';

/** English messages of plan, readiness, invitations (issue 16); the same keys as outreach-plan.id.ts. */
export const outreachPlanEn: Record<keyof typeof outreachPlanId, string> = {
  'outreach-plan.title': 'Jelades Semedi events',
};
