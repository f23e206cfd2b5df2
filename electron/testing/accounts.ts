/** The accounts the auth tests create, and the anonymous kiosk session they start from. */
export const KIOSK_SESSION = { role: 'kiosk', userName: null, mode: 'kiosk' } as const;
export const ADMIN = { username: 'admin', displayName: 'Rina Admin', pin: '482913' };
export const OFFICER = {
  username: 'sri',
  displayName: 'Sri Wahyuni',
  role: 'operator',
  pin: '739104',
} as const;
