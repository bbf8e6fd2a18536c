// Image decoding and preprocessing (issue 4). Re-exported as `course.images`.
export {};
