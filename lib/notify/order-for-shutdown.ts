import type { Notification } from './notification';

/**
 * A target's waiting notifications in the order a shutdown sends them: resolves first, so a
 * deadline that cuts the queue short leaves receivers with an incident still open rather than
 * one closed that never was. A resolve stays behind an earlier notification of its own
 * incident (its "opened" goes out first); everything else keeps its order.
 */
export function orderForShutdown(waiting: readonly Notification[]): Notification[] {
  const first: Notification[] = [];
  const rest: Notification[] = [];
  const heldBack = new Set<string>();
  for (const notification of waiting) {
    const incidentId = notification.incident.id;
    if (notification.event === 'resolved' && !heldBack.has(incidentId)) first.push(notification);
    else {
      rest.push(notification);
      heldBack.add(incidentId);
    }
  }
  return [...first, ...rest];
}
