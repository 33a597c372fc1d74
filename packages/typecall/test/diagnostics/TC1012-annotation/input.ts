/**
 * Deletes a file.
 * @destructive sometimes
 */
export function deleteFile(path: string): void {}
