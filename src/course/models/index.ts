// Model builders and loaders (issue 4). Re-exported as `course.models`.
export {};
