/**
 * Sign Language MNIST labels (Kaggle convention): 0-24 for A-Y. J (9) and Z need
 * motion, so no example has label 9 and there is no 25.
 */
export const ASL_LETTERS: readonly string[] = 'ABCDEFGHIJKLMNOPQRSTUVWXY'.split('');
export const ASL_NUM_CLASSES = 25;
export const ASL_ABSENT_LABEL = 9;
