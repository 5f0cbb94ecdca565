// Run by `npm start` with the react-server condition (the services are server-only).
import { db } from "../lib/server/db";
import { DEMO_MEMBERS, DEMO_PASSWORD } from "../lib/server/demo/demo-members";
import { seedDemo } from "../lib/server/demo/seed-demo";

async function main(): Promise<void> {
  const outcome = await seedDemo();
  const convenor = await db.user.findUnique({ where: { email: DEMO_MEMBERS[0].email }, select: { id: true } });
  if (outcome === "seeded") console.log("[accord] demo drafting process created.");
  if (convenor) {
    console.log(`\n  Demo accounts (password for all: ${DEMO_PASSWORD})`);
    for (const m of DEMO_MEMBERS) console.log(`    ${m.email.padEnd(32)} ${m.role.padEnd(10)} ${m.group}`);
    console.log("  Set ACCORD_DEMO=0 on a real instance.\n");
  } else if (outcome === "skipped") {
    console.log("[accord] existing data found — demo not added.");
  }
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
