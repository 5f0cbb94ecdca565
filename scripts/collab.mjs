// `npm run collab`: the collaboration server on its own (see collab/index.ts), run as
// one ES module bundled at start (see bundle-server.mjs).
import { pathToFileURL } from "node:url";
import { bundleServer } from "./bundle-server.mjs";

await import(pathToFileURL(bundleServer("collab/index.ts", "collab")).href);
