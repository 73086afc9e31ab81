import type { AlertLevel } from '@slokit/core/internal';
import { round } from './svg-primitives.js';

const alertKinds = ['fired', 'escalated', 'deescalated', 'resolved', 'repeated'] as const;
const markerLevels: AlertLevel[] = ['warning', 'ticket', 'critical', 'page', 'none'];

/** An alert event's marker centred on (x, y): its shape tells the kind, its classes the level. */
export function markerShape(kind: string, x: number, y: number, classes: string): string {
  const at = (dx: number, dy: number) => `${round(x + dx)} ${round(y + dy)}`;
  switch (kind) {
    case 'escalated':
      return `<path class="${classes}" d="M${at(0, -7)}L${at(6.5, 5)}L${at(-6.5, 5)}Z"/>`;
    case 'deescalated':
      return `<path class="${classes}" d="M${at(0, 7)}L${at(6.5, -5)}L${at(-6.5, -5)}Z"/>`;
    case 'resolved':
      return `<rect class="${classes}" x="${round(x - 5)}" y="${round(y - 5)}" width="10" height="10"/>`;
    case 'repeated':
      return `<path class="${classes}" d="M${at(0, -7)}L${at(7, 0)}L${at(0, 7)}L${at(-7, 0)}Z"/>`;
    default:
      return `<circle class="${classes}" cx="${round(x)}" cy="${round(y)}" r="6"/>`;
  }
}

/** The key to the markers: one group of shapes by kind, one of colours by level. */
export function alertLegend(): string {
  const icon = (kind: string, classes: string) =>
    `<svg class="legend-icon" viewBox="0 0 16 16" aria-hidden="true">${markerShape(kind, 8, 8, classes)}</svg>`;
  const kinds = alertKinds.map(
    (kind) => `<span class="legend-item">${icon(kind, 'marker legend-kind')}${kind}</span>`,
  );
  const levels = markerLevels.map(
    (level) =>
      `<span class="legend-item">${icon('fired', `marker level-${level}`)}${level === 'none' ? 'resolved (none)' : level}</span>`,
  );
  const silenced = `<span class="legend-item">${icon('fired', 'marker level-critical silenced')}silenced (hollow)</span>`;
  return `<span class="legend-group">${kinds.join('')}</span><span class="legend-group">${levels.join('')}${silenced}</span>`;
}
