/** Bahasa Indonesia messages of plan, readiness, invitations (issue 16); spread into id.ts. */
export const outreachPlanId = {
  'outreach-plan.title': 'Kegiatan Jelades Semedi',
} satisfies Record<string, string>;
