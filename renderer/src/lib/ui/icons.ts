/**
 * Service icons as inline SVG paths (24×24, stroked): no emoji font is guaranteed on a kiosk PC
 * and the CSP allows no remote images. Unknown names fall back to a document.
 */
const circle = (cx: number, cy: number, r: number): string =>
  `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;

const ICONS: Record<string, string[]> = {
  family: [
    'M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2',
    circle(9, 7, 4),
    'M22 21v-2a4 4 0 0 0-3-3.87',
    'M16 3.13a4 4 0 0 1 0 7.75',
  ],
  'id-card': [
    'M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z',
    circle(8, 10.5, 2.2),
    'M4.5 16.5c.6-1.6 1.9-2.3 3.5-2.3s2.9.7 3.5 2.3',
    'M14 10h5',
    'M14 14h4',
  ],
  child: [circle(12, 6, 3), 'M7 21v-4a5 5 0 0 1 10 0v4', 'M9 21v-3', 'M15 21v-3'],
  baby: [
    circle(12, 12, 9),
    'M9 11h.01',
    'M15 11h.01',
    'M9.5 15.5a3.5 3.5 0 0 0 5 0',
    'M12 3c1.5 1 1.5 2.5 0 3.5',
  ],
  flower: [
    circle(12, 7, 2),
    'M12 2a2.5 2.5 0 0 1 2.5 2.5M14.5 4.5A2.5 2.5 0 0 1 17 7a2.5 2.5 0 0 1-2.5 2.5',
    'M14.5 9.5A2.5 2.5 0 0 1 12 12a2.5 2.5 0 0 1-2.5-2.5',
    'M9.5 9.5A2.5 2.5 0 0 1 7 7a2.5 2.5 0 0 1 2.5-2.5A2.5 2.5 0 0 1 12 2',
    'M12 12v10',
    'M12 18c-1.5-2-4-2.5-6-1.5 1.5 2 4 2.5 6 1.5z',
  ],
  truck: ['M1 3h15v13H1z', 'M16 8h4l3 3v5h-7V8z', circle(5.5, 18.5, 2.5), circle(18.5, 18.5, 2.5)],
  search: [circle(11, 11, 8), 'M21 21l-4.35-4.35'],
  document: [
    'M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z',
    'M14 2v6h6',
    'M8 13h8',
    'M8 17h6',
  ],
};

export function iconPaths(name: string): string[] {
  return ICONS[name] ?? ICONS['document'] ?? [];
}
