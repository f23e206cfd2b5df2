import { screens as admin } from '../features/admin/screens';
import { screens as audit } from '../features/audit/screens';
import { screens as desk } from '../features/desk/screens';
import { screens as deskIntake } from '../features/desk-intake/screens';
import { screens as devices } from '../features/devices/screens';
import { screens as lan } from '../features/lan/screens';
import { screens as outreachBoard } from '../features/outreach-board/screens';
import { screens as outreachDesk } from '../features/outreach-desk/screens';
import { screens as outreachPlan } from '../features/outreach-plan/screens';
import { screens as queue } from '../features/queue/screens';
import { screens as recording } from '../features/recording/screens';
import { screens as records } from '../features/records/screens';
import { screens as registry } from '../features/registry/screens';
import { screens as status } from '../features/status/screens';
import { screens as sync } from '../features/sync/screens';
import { canOpen, type Screen } from '../lib/screens';
import type { Role } from '../../../electron/contract';

/** Every officer screen of every feature, in nav order. */
const ALL: readonly Screen[] = [
  ...desk,
  ...deskIntake,
  ...recording,
  ...records,
  ...sync,
  ...queue,
  ...registry,
  ...audit,
  ...admin,
  ...devices,
  ...status,
  ...outreachPlan,
  ...outreachDesk,
  ...outreachBoard,
  ...lan,
].sort((a, b) => a.order - b.order);

/** The screens `role` may open, in nav order: the nav shows exactly these. */
export function screensFor(role: Role): Screen[] {
  return ALL.filter((screen) => canOpen(role, screen));
}
