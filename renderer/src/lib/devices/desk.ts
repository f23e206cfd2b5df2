/** The desk of the station machine's own screens (a paired LAN desk is its own desk). */
export const THIS_DESK = 'meja-1';
