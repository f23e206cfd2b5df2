/** The desk of this station's devices until screens choose theirs (issue 16). */
export const THIS_DESK = 'meja-1';
