import "server-only";
import { getServerSession } from "next-auth";
import { AppError } from "@/lib/errors";
import { db } from "../db";
import { authOptions } from "./options";

/** The signed-in person as the server knows them now — never as the request claims. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
}

export function adminEmails(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.ACCORD_ADMIN_EMAILS ?? "")
    .split(",")
    .map((email) => email.trim().toLowerCase())
    .filter(Boolean);
}

export function toActor(user: { id: string; email: string; name: string; isAdmin: boolean }): Actor {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin || adminEmails().includes(user.email),
  };
}

/** Reads the session cookie and re-loads the account, so a deleted account is signed out at once. */
export async function getActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({ where: { id } });
  return user ? toActor(user) : null;
}

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError("unauthenticated", "Sign in to continue.");
  return actor;
}
