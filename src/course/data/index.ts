// Data set loaders (owned by the data work, issue 4). Re-exported as `course.data`.
export {};
