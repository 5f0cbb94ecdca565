import "server-only";
import bcrypt from "bcryptjs";

// Cost 12 ≈ 0.25 s per hash on this class of machine. Tests use the minimum so the
// suite stays fast; it changes nothing about what is checked.
const COST = process.env.NODE_ENV === "test" ? 4 : 12;
// Compared against when the email is unknown, so both paths take the same time.
const DUMMY_HASH = bcrypt.hashSync("accord-timing-equaliser", COST);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export async function checkPassword(password: string, hash: string | null): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return hash !== null && ok;
}
