/** Uses a type that does not exist. */
export function save(doc: MissingDocument): void {}
