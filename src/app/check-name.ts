/** The check run branch protection requires. */
export const CHECK_NAME = 'chaingate';
