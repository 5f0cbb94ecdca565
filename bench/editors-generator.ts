// Child process of the editors benchmark: the typing clients, on their own core.
import { generate } from "./collab-editors";

const { url, ids, typists, seconds } = JSON.parse(process.argv[2]) as {
  url: string;
  ids: { processId: string; userId: string; groupId: string };
  typists: number;
  seconds: number;
};

generate(url, ids, typists, seconds).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
