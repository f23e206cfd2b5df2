import type { Component } from 'svelte';
import type { OfficeSessionInfo } from '../../../../electron/contract/office';
import type { QueueDetail } from '../../../../electron/contract/office/queue';

/**
 * Where one area's part appears on another area's screen, without the areas importing each
 * other (eslint: an area imports no other area). The application page (features/queue) leaves a
 * slot for the decision panel (features/decision); the decision area fills it from its
 * screens.ts, which the shell loads with every area:
 *
 *   import DecisionPanel from './DecisionPanel.svelte';
 *   provideDecisionPanel(DecisionPanel);
 */
export interface DecisionPanelProps {
  applicationId: string;
  /** The application page as queue-get answered it. */
  detail: QueueDetail;
  session: OfficeSessionInfo;
  /** The panel changed the application (proposal, decision): the page reads it again. */
  onChanged: () => void;
}

let decisionPanel: Component<DecisionPanelProps> | null = null;

export function provideDecisionPanel(panel: Component<DecisionPanelProps>): void {
  decisionPanel = panel;
}

/** The decision panel, or null while no area provides one. */
export function decisionPanelComponent(): Component<DecisionPanelProps> | null {
  return decisionPanel;
}
