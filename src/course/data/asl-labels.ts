/**
 * Sign Language MNIST labels. J and Z need motion, so the set has 24 letters.
 * Two labellings exist upstream: Kaggle's original uses 0-24 for A-Y and never 9
 * (J); the course's copy (NVIDIA DLI, `asl_data/`) renumbers them 0-23. Packed files
 * always use the contiguous 0-23, so a model needs 24 outputs and
 * `ASL_LETTERS[label]` is the letter.
 */
export const ASL_LETTERS: readonly string[] = 'ABCDEFGHIKLMNOPQRSTUVWXY'.split('');
export const ASL_NUM_CLASSES = 24;
/** Kaggle's label for J, absent from its files; Kaggle labels above it shift down by one. */
export const KAGGLE_ABSENT_LABEL = 9;
