import os from "node:os";
import path from "node:path";

/** The data directory of the instance the e2e tests run against (fresh for every run). */
export const E2E_DATA_DIR = path.join(os.tmpdir(), "accord-e2e");
