/** Bundles a server entry point (relative to the repository) into one ES module; returns its path. */
export function bundleServer(entry: string, name: string): string;
