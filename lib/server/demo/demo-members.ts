import type { DefaultGroupKey } from "@/lib/domain/groups";
import type { Role } from "@/lib/domain/roles";

/** Shared by every demo account; printed by `npm start`. Never use the demo on a public instance. */
export const DEMO_PASSWORD = "accord-demo-2026";

export interface DemoMember {
  name: string;
  email: string;
  role: Role;
  group: DefaultGroupKey;
  organisation: string;
}

// Two per group; every role appears. The convenor is the instance administrator.
export const DEMO_MEMBERS: DemoMember[] = [
  { name: "Amina Diallo", email: "convenor@example.org", role: "convenor", group: "government", organisation: "Ministry of Foreign Affairs" },
  { name: "Kwame Mensah", email: "editor.gov@example.org", role: "editor", group: "government", organisation: "National Cybersecurity Authority" },
  { name: "Li Wei", email: "editor.industry@example.org", role: "editor", group: "private_sector", organisation: "Connectivity Operators Association" },
  { name: "Sofia Almeida", email: "commenter.industry@example.org", role: "commenter", group: "private_sector", organisation: "Software Industry Council" },
  { name: "Priya Natarajan", email: "commenter.ngo@example.org", role: "commenter", group: "civil_society", organisation: "Digital Rights Collective" },
  { name: "Omar Haddad", email: "observer.ngo@example.org", role: "observer", group: "civil_society", organisation: "Community Networks Alliance" },
];
